package dev.poolse.sdk.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One method of a generated Feign interface, parsed once from its {@code @RequestLine},
 * {@code @Headers} and {@code @Param} annotations, then expanded per call without Feign's runtime.
 *
 * <p>Why: a CPU profile of a message send showed Feign's per-call template resolution (copying the
 * method's request template, re-parsing header templates, resolving every expression) taking about
 * three quarters of the SDK's own time per call, more than the whole raw {@code HttpClient} request.
 * The generated interfaces stay the single description of each operation; only the expansion is
 * ours. It covers the shapes the generator emits for our spec (path, query and header parameters
 * as {@code @Param}, at most one JSON body); {@link #parse} returns empty for anything else and the
 * caller falls back to Feign. {@code FeignRequestsParityTest} checks every generated method against
 * Feign's own output.
 */
final class RequestLineTemplate {
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String method;
    /** Literal path pieces and parameter indexes, in order. */
    private final List<Object> path;
    /** Query name to parameter index; omitted from the URL when the argument is null. */
    private final Map<String, Integer> query;
    /** Header name to a literal value (String) or a parameter index (Integer). */
    private final Map<String, Object> headers;
    private final int bodyIndex;
    private final ObjectWriter bodyWriter;

    private RequestLineTemplate(String method, List<Object> path, Map<String, Integer> query,
            Map<String, Object> headers, int bodyIndex, ObjectWriter bodyWriter) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.bodyIndex = bodyIndex;
        this.bodyWriter = bodyWriter;
    }

    /**
     * @param m a method of a generated interface
     * @param mapper writes the JSON body
     * @return its template, or empty when the method has a shape this class does not expand
     */
    static Optional<RequestLineTemplate> parse(Method m, ObjectMapper mapper) {
        RequestLine line = m.getAnnotation(RequestLine.class);
        if (line == null || m.isDefault()) {
            return Optional.empty();
        }
        Map<String, Integer> names = new LinkedHashMap<>();
        int bodyIndex = -1;
        Annotation[][] annotations = m.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            Param param = null;
            for (Annotation a : annotations[i]) {
                if (a instanceof Param p && p.expander() == Param.ToStringExpander.class && !p.encoded()) {
                    param = p;
                } else {
                    return Optional.empty(); // @QueryMap, @HeaderMap, custom expanders: Feign's job
                }
            }
            if (param != null) {
                names.put(param.value(), i);
            } else if (bodyIndex < 0) {
                bodyIndex = i;
            } else {
                return Optional.empty();
            }
        }
        String text = line.value().trim();
        int space = text.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String httpMethod = text.substring(0, space);
        String target = text.substring(space + 1).trim();
        int q = target.indexOf('?');
        List<Object> path = pieces(q < 0 ? target : target.substring(0, q), names);
        if (path == null) {
            return Optional.empty();
        }
        Map<String, Integer> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : target.substring(q + 1).split("&")) {
                Matcher v = VARIABLE.matcher(pair);
                int eq = pair.indexOf('=');
                if (eq < 0 || !v.find() || v.start() != eq + 1 || v.end() != pair.length()
                        || !names.containsKey(v.group(1))) {
                    return Optional.empty();
                }
                query.put(pair.substring(0, eq), names.get(v.group(1)));
            }
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        Headers declared = m.getAnnotation(Headers.class);
        if (declared != null) {
            for (String h : declared.value()) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    return Optional.empty();
                }
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                Matcher v = VARIABLE.matcher(value);
                if (v.matches()) {
                    Integer index = names.get(v.group(1));
                    if (index == null) {
                        return Optional.empty();
                    }
                    headers.put(name, index);
                } else if (value.indexOf('{') >= 0) {
                    return Optional.empty();
                } else {
                    headers.put(name, value);
                }
            }
        }
        ObjectWriter writer = bodyIndex < 0 ? null
                : mapper.writerFor(mapper.getTypeFactory().constructType(m.getGenericParameterTypes()[bodyIndex]));
        return Optional.of(new RequestLineTemplate(httpMethod, path, query, headers, bodyIndex, writer));
    }

    private static List<Object> pieces(String template, Map<String, Integer> names) {
        List<Object> out = new ArrayList<>();
        Matcher v = VARIABLE.matcher(template);
        int at = 0;
        while (v.find()) {
            Integer index = names.get(v.group(1));
            if (index == null) {
                return null;
            }
            out.add(template.substring(at, v.start()));
            out.add(index);
            at = v.end();
        }
        out.add(template.substring(at));
        return out;
    }

    /**
     * @param baseUrl the API base URL, without a trailing slash
     * @param args the call's arguments
     * @return the request, replayable
     */
    PreparedRequest expand(String baseUrl, Object[] args) {
        StringBuilder url = new StringBuilder(baseUrl.length() + 96).append(baseUrl);
        for (Object piece : path) {
            if (piece instanceof Integer index) {
                Object value = args[index];
                if (value == null) {
                    throw new IllegalArgumentException("path parameter " + index + " is null");
                }
                encode(url, value.toString());
            } else {
                url.append((String) piece);
            }
        }
        char separator = '?';
        for (Map.Entry<String, Integer> q : query.entrySet()) {
            Object value = args[q.getValue()];
            if (value != null) {
                url.append(separator).append(q.getKey()).append('=');
                encode(url, value.toString());
                separator = '&';
            }
        }
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : headers.entrySet()) {
            Object value = e.getValue() instanceof Integer index ? args[index] : e.getValue();
            if (value != null) {
                h.put(e.getKey(), List.of(value.toString()));
            }
        }
        byte[] body = null;
        if (bodyIndex >= 0) {
            if (args[bodyIndex] == null) {
                throw new IllegalArgumentException("Body parameter " + bodyIndex + " was null");
            }
            try {
                body = bodyWriter.writeValueAsBytes(args[bodyIndex]);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("could not encode the request body: " + e.getOriginalMessage(), e);
            }
        }
        byte[] finalBody = body;
        return new PreparedRequest(method, URI.create(url.toString()), h,
                finalBody == null ? null : () -> HttpRequest.BodyPublishers.ofByteArray(finalBody), true, true, false);
    }

    /** Percent-encodes UTF-8, leaving only RFC 3986 unreserved characters as they are. */
    private static void encode(StringBuilder out, String value) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }
}
