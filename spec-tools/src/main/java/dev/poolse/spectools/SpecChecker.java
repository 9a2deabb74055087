package dev.poolse.spectools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.Endpoint;

/**
 * Runs every spec check and collects the outcome, without printing or exiting, so that tests
 * and other tools can call it.
 *
 * <ol>
 *   <li>the OpenAPI document against the OpenAPI 3.0 JSON Schema;</li>
 *   <li>the AsyncAPI document against the AsyncAPI 3.0.0 JSON Schema;</li>
 *   <li>swagger-parser's validation of the OpenAPI document;</li>
 *   <li>the compatibility gate: openapi-diff of the baseline against the OpenAPI document, failing
 *       on any incompatible change; skipped (with a note) when the baseline file does not exist.</li>
 * </ol>
 *
 * <p>All checks run even when an earlier one fails, so one build shows every problem. The
 * compatibility gate is the exception: it runs only on an OpenAPI document that passed the other
 * OpenAPI checks, because a diff of a broken document would bury the real error under noise.
 *
 * <p>A checker keeps the JSON Schemas it has loaded (keyed by file), since loading them costs far
 * more than validating a document; reuse one instance to check many documents. {@link #check} is
 * safe to call from several threads: the cache is concurrent and a loaded schema is immutable.
 */
public final class SpecChecker {

    /** The OpenAPI 3.0 JSON Schema, relative to the schemas directory. */
    public static final String OPENAPI_SCHEMA = "openapi-3.0/schema.json";
    /** The AsyncAPI 3.0.0 JSON Schema, relative to the schemas directory. */
    public static final String ASYNCAPI_SCHEMA = "asyncapi-3.0.0/schema.json";

    private final Map<Path, JsonSchemaCheck> schemas = new ConcurrentHashMap<>();

    /** Creates a checker with an empty schema cache. */
    public SpecChecker() {
    }

    /**
     * Runs all checks.
     *
     * @param options the files to check
     * @return the problems and notes
     * @throws NullPointerException     if {@code options} is null
     * @throws IllegalArgumentException if the schemas directory lacks one of the two schemas (a
     *                                  build set-up mistake rather than a spec problem)
     */
    public SpecCheckResult check(SpecCheckOptions options) {
        Objects.requireNonNull(options, "options");
        Path openapiSchema = options.schemasDir().resolve(OPENAPI_SCHEMA);
        Path asyncapiSchema = options.schemasDir().resolve(ASYNCAPI_SCHEMA);
        for (Path schema : List.of(openapiSchema, asyncapiSchema)) {
            if (!Files.isRegularFile(schema)) {
                throw new IllegalArgumentException("JSON Schema not found: " + schema
                        + " (--schemas must name the directory that holds " + OPENAPI_SCHEMA
                        + " and " + ASYNCAPI_SCHEMA + ")");
            }
        }
        List<Problem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String openapiName = options.openapi().toString();

        List<Problem> openapiProblems = new ArrayList<>(
                schema(openapiSchema, Problem.Check.OPENAPI_SCHEMA)
                        .validate(options.openapi(), openapiName));
        if (openapiProblems.stream().noneMatch(p -> p.check() == Problem.Check.INPUT)) {
            openapiProblems.addAll(SwaggerParserCheck.validate(options.openapi(), openapiName));
        }
        problems.addAll(openapiProblems);
        problems.addAll(schema(asyncapiSchema, Problem.Check.ASYNCAPI_SCHEMA)
                .validate(options.asyncapi(), options.asyncapi().toString()));

        if (!Files.exists(options.baseline())) {
            notes.add("compatibility gate skipped: baseline " + options.baseline() + " does not exist");
        } else if (!openapiProblems.isEmpty()) {
            notes.add("compatibility gate not run: fix the OpenAPI problems above first");
        } else {
            problems.addAll(compatibility(options, notes));
        }
        return new SpecCheckResult(problems, notes);
    }

    private JsonSchemaCheck schema(Path file, Problem.Check check) {
        return schemas.computeIfAbsent(file.toAbsolutePath().normalize(), f -> JsonSchemaCheck.load(f, check));
    }

    private static List<Problem> compatibility(SpecCheckOptions options, List<String> notes) {
        String file = options.openapi().toString();
        ChangedOpenApi diff;
        try {
            diff = OpenApiCompare.fromFiles(options.baseline().toFile(), options.openapi().toFile());
        } catch (RuntimeException e) {
            // openapi-diff throws a bare RuntimeException when either side does not parse.
            return List.of(new Problem(Problem.Check.COMPATIBILITY, options.baseline().toString(), 0, "",
                    "cannot compare with the baseline: " + e.getMessage()));
        }
        List<Problem> problems = new ArrayList<>();
        for (BreakingChanges.Change change : BreakingChanges.describe(diff)) {
            problems.add(new Problem(Problem.Check.COMPATIBILITY, file, 0, change.location(), change.message()));
        }
        if (problems.isEmpty()) {
            notes.add("compatibility gate passed against " + options.baseline() + ": "
                    + (diff.isUnchanged() ? "no API change" : "compatible changes only"));
            for (Endpoint added : diff.getNewEndpoints()) {
                notes.add("  new operation " + added.getMethod() + " " + added.getPathUrl());
            }
        }
        return problems;
    }
}
