package dev.poolse.docs;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The spec documents a page is rendered from, loaded once each, and the resolution of
 * {@code $ref}s between them ({@code #/components/...} inside a document and
 * {@code ./openapi.yaml#/components/...} across documents).
 */
final class SpecSet {

    /** A resolved reference: the document it points into, the JSON pointer, and the node. */
    record Target(Path doc, String pointer, JsonNode node) {
        /** The last pointer segment, which is the component name for {@code #/components/x/Name}. */
        String name() {
            return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
        }
    }

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Map<Path, JsonNode> documents = new HashMap<>();

    /**
     * Loads (or returns the already loaded) document at {@code file}.
     *
     * @throws UncheckedIOException when the file cannot be read or parsed
     */
    JsonNode load(Path file) {
        Path key = file.toAbsolutePath().normalize();
        return documents.computeIfAbsent(key, k -> {
            try {
                return yaml.readTree(Files.readString(k));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read spec " + k, e);
            }
        });
    }

    /**
     * Resolves {@code ref} as written in document {@code base}.
     *
     * @throws IllegalArgumentException when the reference points at nothing, so a broken spec
     *     fails the docs build instead of rendering an empty table
     */
    Target resolve(Path base, String ref) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(ref, "ref");
        int hash = ref.indexOf('#');
        String file = hash < 0 ? ref : ref.substring(0, hash);
        String pointer = hash < 0 ? "" : ref.substring(hash + 1);
        Path doc = file.isEmpty()
                ? base.toAbsolutePath().normalize()
                : base.toAbsolutePath().getParent().resolve(file).normalize();
        JsonNode node = load(doc).at(JsonPointer.compile(pointer));
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("Unresolvable $ref '" + ref + "' in " + base.getFileName());
        }
        return new Target(doc, pointer, node);
    }

    /**
     * Follows {@code $ref}s from {@code node} until a node without one, so callers see the real
     * object; the returned target records the document later relative references use.
     */
    Target deref(Path doc, JsonNode node) {
        Target current = new Target(doc.toAbsolutePath().normalize(), "", node);
        int hops = 0;
        while (current.node().has("$ref")) {
            if (++hops > 32) {
                throw new IllegalArgumentException("Reference cycle at " + current.node().get("$ref").asText());
            }
            current = resolve(current.doc(), current.node().get("$ref").asText());
        }
        return current;
    }
}
