package dev.poolse.devserver.http;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks requests and responses against the OpenAPI document packaged in the jar, with
 * swagger-request-validator. Thread-safe. The parsed document is shared by every server of the
 * JVM (parsing it is the slowest part of start-up).
 */
public final class SpecValidator {

  /** Classpath location of the OpenAPI document. */
  public static final String OPENAPI_RESOURCE = "poolse-spec/openapi.yaml";
  /** Classpath location of the AsyncAPI document. */
  public static final String ASYNCAPI_RESOURCE = "poolse-spec/asyncapi.yaml";

  private static volatile SpecValidator shared;

  private final OpenApiInteractionValidator validator;

  private SpecValidator(String spec) {
    // The server authenticates itself (and answers 401 with the envelope); the validator's own
    // security check would only duplicate that with a less precise message.
    LevelResolver levels = LevelResolver.create()
        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
        .build();
    this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
        .withLevelResolver(levels)
        .build();
  }

  /**
   * The validator of the packaged OpenAPI document, parsed on first use.
   *
   * @return the shared validator
   */
  public static SpecValidator shared() {
    SpecValidator v = shared;
    if (v == null) {
      synchronized (SpecValidator.class) {
        v = shared;
        if (v == null) {
          v = new SpecValidator(new String(resource(OPENAPI_RESOURCE), StandardCharsets.UTF_8));
          shared = v;
        }
      }
    }
    return v;
  }

  /**
   * {@return its bytes}
   *
   * @param name a classpath resource
   */
  public static byte[] resource(String name) {
    try (InputStream in = SpecValidator.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " (is the spec packaged?)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Validates a request.
   *
   * @param method the HTTP method
   * @param path the path
   * @param query the query parameters
   * @param headers the request headers
   * @param body the body, or null
   * @return field name to problems; empty when valid
   */
  public Map<String, Object> validateRequest(String method, String path,
      Map<String, List<String>> query, Map<String, String> headers, String body) {
    SimpleRequest.Builder b = new SimpleRequest.Builder(method, path);
    query.forEach(b::withQueryParam);
    headers.forEach((k, v) -> b.withHeader(k, v));
    if (body != null) {
      b.withBody(body);
    }
    ValidationReport report = validator.validateRequest(b.build());
    Map<String, Object> details = new LinkedHashMap<>();
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() != ValidationReport.Level.ERROR) {
        continue;
      }
      collect(m, details);
    }
    return details;
  }

  @SuppressWarnings("unchecked")
  private static void collect(ValidationReport.Message m, Map<String, Object> details) {
    if (!m.getNestedMessages().isEmpty() && m.getKey().endsWith("schema.oneOf")) {
      m.getNestedMessages().forEach(n -> collect(n, details));
      return;
    }
    String field = fieldOf(m);
    ((List<String>) details.computeIfAbsent(field, k -> new ArrayList<String>())).add(m.getMessage());
  }

  private static String fieldOf(ValidationReport.Message m) {
    ValidationReport.MessageContext ctx = m.getContext().orElse(null);
    if (ctx != null && ctx.getParameter().isPresent()) {
      return ctx.getParameter().get().getName();
    }
    if (m.getKey().endsWith("schema.required")) {
      // "Object has missing required properties (["body"])" names the field only in the text.
      java.util.regex.Matcher matcher =
          java.util.regex.Pattern.compile("\\[\"([^\"]+)\"").matcher(m.getMessage());
      String parent = pointer(ctx);
      if (matcher.find()) {
        return parent.isEmpty() ? matcher.group(1) : parent + "." + matcher.group(1);
      }
    }
    String p = pointer(ctx);
    if (!p.isEmpty()) {
      return p;
    }
    return m.getKey().contains(".body") ? "request_body" : "request";
  }

  private static String pointer(ValidationReport.MessageContext ctx) {
    if (ctx == null || ctx.getPointers().isEmpty()) {
      return "";
    }
    String instance = ctx.getPointers().get().getInstance();
    if (instance == null || instance.isEmpty() || "/".equals(instance)) {
      return "";
    }
    return instance.substring(1).replace('/', '.');
  }

  /**
   * Validates a response of a documented operation.
   *
   * @param method the HTTP method
   * @param path the request path
   * @param status the status
   * @param headers the response headers
   * @param body the body, or null
   * @return the violations; empty when valid
   */
  public List<String> validateResponse(String method, String path, int status,
      Map<String, String> headers, String body) {
    SimpleResponse.Builder b = new SimpleResponse.Builder(status);
    headers.forEach((k, v) -> b.withHeader(k, v));
    if (body != null && !body.isEmpty()) {
      b.withBody(body);
    }
    ValidationReport report =
        validator.validateResponse(path, Request.Method.valueOf(method), b.build());
    List<String> problems = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) {
        problems.add(m.getKey() + ": " + m.getMessage());
      }
    }
    return problems;
  }
}
