package dev.poolse.spectools;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs swagger-parser's own validation of an OpenAPI document. It knows rules the JSON Schema
 * cannot express (unresolvable {@code $ref}s, path parameters without a declaration, duplicate
 * operation ids), and it is the parser the generator and openapi-diff use, so a document it
 * complains about would be read differently downstream.
 */
final class SwaggerParserCheck {

    private SwaggerParserCheck() {
    }

    /**
     * Parses and validates the document; every parser message is a problem.
     *
     * @param openapi the document
     * @param display how to name the file in problems
     * @return the problems, empty when the parser has nothing to say
     * @throws NullPointerException if an argument is null
     */
    static List<Problem> validate(Path openapi, String display) {
        Objects.requireNonNull(openapi, "openapi");
        Objects.requireNonNull(display, "display");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result =
                new OpenAPIV3Parser().readLocation(openapi.toAbsolutePath().toUri().toString(), null, options);
        List<Problem> problems = new ArrayList<>();
        if (result == null) {
            problems.add(new Problem(Problem.Check.OPENAPI_PARSER, display, 0, "", "swagger-parser could not read it"));
            return problems;
        }
        if (result.getMessages() != null) {
            for (String message : result.getMessages()) {
                problems.add(new Problem(Problem.Check.OPENAPI_PARSER, display, 0, "", message));
            }
        }
        if (result.getOpenAPI() == null && problems.isEmpty()) {
            problems.add(new Problem(Problem.Check.OPENAPI_PARSER, display, 0, "", "swagger-parser found no OpenAPI document"));
        }
        return problems;
    }
}
