package dev.poolse.codegen.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * A node of a loaded document together with where it lives, so that relative {@code $ref}s can be
 * resolved against the right file and errors can name the place.
 *
 * @param file the normalized absolute path of the document
 * @param pointer the JSON pointer of the node inside that document ({@code ""} for the root)
 * @param node the node itself
 */
record Located(Path file, String pointer, JsonNode node) {

    /**
     * The located child under {@code key}, which may be a missing node.
     */
    Located child(String key) {
        return new Located(file, pointer + "/" + escape(key), node.path(key));
    }

    /**
     * The located array element at {@code index}, which may be a missing node.
     */
    Located element(int index) {
        return new Located(file, pointer + "/" + index, node.path(index));
    }

    /** Escapes one JSON pointer reference token (RFC 6901). */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
