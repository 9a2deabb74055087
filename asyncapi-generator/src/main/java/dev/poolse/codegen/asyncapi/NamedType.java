package dev.poolse.codegen.asyncapi;

import java.util.List;

/** A Java type the generator writes: a record, a map-wrapping record or an enum. */
sealed interface NamedType permits NamedType.RecordType, NamedType.MapRecordType, NamedType.EnumType {

    /** The simple Java name. */
    String name();

    /** The schema description, or null. */
    String description();

    /** Where the schema lives, for messages. */
    String origin();

    /**
     * One record component.
     *
     * @param jsonName the wire (snake_case) name
     * @param javaName the component name
     * @param type the component type
     * @param nullable whether the wire value may be null
     * @param required whether the wire field is always present
     * @param description the property description, or null
     */
    record Field(String jsonName, String javaName, JavaType type, boolean nullable, boolean required,
            String description) {
    }

    /** An object schema with {@code properties}. */
    record RecordType(String name, String description, String origin, List<Field> fields) implements NamedType {
    }

    /** An object schema with only {@code additionalProperties}: a record wrapping the map. */
    record MapRecordType(String name, String description, String origin, JavaType valueType) implements NamedType {
    }

    /**
     * One enum constant.
     *
     * @param constant the Java constant name
     * @param value the wire value
     */
    record EnumValue(String constant, String value) {
    }

    /** A string schema with {@code enum}. */
    record EnumType(String name, String description, String origin, List<EnumValue> values) implements NamedType {
    }
}
