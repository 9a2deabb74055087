package dev.poolse.spectools;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps JSON pointers of a YAML document to the line they start on.
 *
 * <p>The validators report places as paths into the parsed tree, which has no positions; a second,
 * streaming pass over the text records the line of every key and array element, which is cheap
 * (one token walk) and keeps the tree model free of location bookkeeping.
 */
final class YamlLocator {

    private final Map<String, Integer> lines;

    private YamlLocator(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /**
     * Indexes a YAML text.
     *
     * @param yaml the document text
     * @return the locator; empty (every lookup 0) if the text is not well-formed YAML, since the
     *         caller reports that failure itself
     * @throws NullPointerException if {@code yaml} is null
     */
    static YamlLocator index(String yaml) {
        Objects.requireNonNull(yaml, "yaml");
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                // For a key, and for a value or container start inside an array, the context
                // pointer already names the node; the first token seen for a pointer is the key
                // (or the element), whose line is the one a reader looks for.
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    pointer = parser.getParsingContext().getParent() == null
                            ? pointer
                            : parser.getParsingContext().getParent().pathAsPointer().toString();
                }
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        } catch (IOException malformed) {
            return new YamlLocator(Map.of());
        }
        return new YamlLocator(lines);
    }

    /**
     * Finds the line of a node, falling back to its nearest ancestor that was indexed.
     *
     * @param segments the unescaped path segments from the root (object keys and array indexes)
     * @return the 1-based line, or 0 if not even the root is known
     * @throws NullPointerException if {@code segments} is null
     */
    int lineOf(List<String> segments) {
        Objects.requireNonNull(segments, "segments");
        for (int n = segments.size(); n >= 0; n--) {
            Integer line = lines.get(pointer(segments.subList(0, n)));
            if (line != null) {
                return line;
            }
        }
        return 0;
    }

    private static String pointer(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String segment : segments) {
            sb.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }
}
