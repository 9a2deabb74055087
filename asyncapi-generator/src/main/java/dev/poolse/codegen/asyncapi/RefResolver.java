package dev.poolse.codegen.asyncapi;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Loads the root document and every document it references, and resolves {@code $ref}s: local
 * ({@code #/components/schemas/X}) and relative-file ({@code ./openapi.yaml#/components/schemas/X}).
 * Each document is parsed once. Remote ({@code http:}) references are rejected: the build must not
 * depend on the network.
 */
final class RefResolver {

    /** Keys whose values are instance data, not schema: a {@code $ref} key inside them is data. */
    private static final Set<String> DATA_KEYS = Set.of("examples", "example", "const", "enum", "default");

    private final ObjectMapper yaml = new YAMLMapper();
    private final Map<Path, JsonNode> documents = new HashMap<>();
    private final Path root;

    /**
     * Loads the root document.
     *
     * @param rootDocument the AsyncAPI file
     * @throws AsyncApiGenerationException if it cannot be read or parsed
     */
    RefResolver(Path rootDocument) {
        this.root = rootDocument.toAbsolutePath().normalize();
        load(root, null);
    }

    /** The root document as a located node. */
    Located root() {
        return new Located(root, "", documents.get(root));
    }

    /**
     * Names a place for error messages: the file relative to the root document's directory plus the
     * JSON pointer, e.g. {@code asyncapi.yaml#/components/messages/MessageNew/payload}.
     */
    String describe(Located place) {
        return describe(place.file(), place.pointer());
    }

    /** True when the node sits in another document than the root one. */
    boolean isExternal(Located place) {
        return !place.file().equals(root);
    }

    /**
     * Follows {@code $ref}s starting at {@code place} until a node without {@code $ref} is reached.
     * A node without {@code $ref} is returned as is.
     *
     * @throws AsyncApiGenerationException if a reference cannot be resolved or the chain loops
     */
    Located deref(Located place) {
        Located current = place;
        Set<String> seen = new LinkedHashSet<>();
        while (current.node().isObject() && current.node().has("$ref")) {
            if (!seen.add(describe(current))) {
                throw new AsyncApiGenerationException("$ref cycle: " + String.join(" -> ", seen)
                        + " -> " + describe(current));
            }
            current = resolve(current);
        }
        return current;
    }

    /**
     * Resolves the {@code $ref} held by {@code holder} one step.
     *
     * @param holder a located object node with a textual {@code $ref}
     * @return the target, located in its own document
     * @throws AsyncApiGenerationException naming the reference and {@code holder}'s place if the
     *     file or the pointer does not exist
     */
    Located resolve(Located holder) {
        JsonNode refNode = holder.node().get("$ref");
        if (refNode == null || !refNode.isTextual()) {
            throw new AsyncApiGenerationException("$ref at " + describe(holder) + " is not a string");
        }
        String ref = refNode.asText();
        int hash = ref.indexOf('#');
        String filePart = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : ref.substring(hash + 1);
        if (filePart.contains("://")) {
            throw unresolvable(ref, holder, "remote references are not supported; keep specs side by side");
        }
        Path file = holder.file();
        if (!filePart.isEmpty()) {
            file = holder.file().resolveSibling(URLDecoder.decode(filePart, StandardCharsets.UTF_8)).normalize();
            if (!Files.isRegularFile(file)) {
                throw unresolvable(ref, holder, "file " + relative(file) + " does not exist");
            }
            load(file, holder);
        }
        String pointer = URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            throw unresolvable(ref, holder, "the fragment must be a JSON pointer starting with '/'");
        }
        JsonNode target = documents.get(file).at(JsonPointer.compile(pointer));
        if (target.isMissingNode()) {
            throw unresolvable(ref, holder, relative(file) + " has nothing at " + (pointer.isEmpty() ? "/" : pointer)
                    + missingHint(documents.get(file), pointer));
        }
        return new Located(file, pointer, target);
    }

    /**
     * Resolves every {@code $ref} of the root document, and of every part of another document that
     * the root references (transitively), so that a broken reference fails the build even when no
     * generated type uses it.
     *
     * @throws AsyncApiGenerationException for the first reference that cannot be resolved
     */
    void resolveAll() {
        Deque<Located> pending = new ArrayDeque<>();
        Set<String> visited = new HashSet<>();
        pending.push(root());
        while (!pending.isEmpty()) {
            Located next = pending.pop();
            if (visited.add(describe(next))) {
                walk(next, pending);
            }
        }
    }

    private void walk(Located place, Deque<Located> pending) {
        JsonNode node = place.node();
        if (node.isObject()) {
            if (node.has("$ref")) {
                Located target = resolve(place);
                if (!target.file().equals(place.file()) || !isInside(target.pointer(), place.pointer())) {
                    pending.push(target);
                }
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("$ref") && !DATA_KEYS.contains(name)) {
                    walk(place.child(name), pending);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(place.element(i), pending);
            }
        }
    }

    private static boolean isInside(String pointer, String ancestor) {
        return pointer.equals(ancestor) || pointer.startsWith(ancestor + "/");
    }

    private void load(Path file, Located referencedFrom) {
        if (documents.containsKey(file)) {
            return;
        }
        try {
            JsonNode tree = yaml.readTree(file.toFile());
            if (tree == null || tree.isMissingNode()) {
                throw new AsyncApiGenerationException(relative(file) + " is empty");
            }
            documents.put(file, tree);
        } catch (IOException e) {
            String where = referencedFrom == null ? "" : " (referenced at " + describe(referencedFrom) + ")";
            throw new AsyncApiGenerationException("cannot read " + relative(file) + where + ": " + e.getMessage(), e);
        }
    }

    private AsyncApiGenerationException unresolvable(String ref, Located holder, String why) {
        return new AsyncApiGenerationException(
                "Unresolvable $ref '" + ref + "' used at " + describe(holder) + ": " + why);
    }

    /** Names the deepest existing parent, which is usually enough to spot a typo. */
    private static String missingHint(JsonNode document, String pointer) {
        int slash = pointer.lastIndexOf('/');
        if (slash <= 0) {
            return "";
        }
        JsonNode parent = document.at(JsonPointer.compile(pointer.substring(0, slash)));
        if (!parent.isObject() || parent.size() > 60) {
            return "";
        }
        Set<String> names = new java.util.TreeSet<>();
        parent.fieldNames().forEachRemaining(names::add);
        return " (it has: " + String.join(", ", names) + ")";
    }

    private String describe(Path file, String pointer) {
        return relative(file) + "#" + pointer;
    }

    /** The file relative to the root document's directory, with forward slashes. */
    private String relative(Path file) {
        Path base = root.getParent();
        Path shown = base == null ? file : base.relativize(file);
        return shown.toString().replace('\\', '/');
    }
}
