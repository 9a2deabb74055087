/**
 * The build-time generator that turns the realtime spec ({@code spec/asyncapi.yaml}, AsyncAPI 3)
 * into the event payload records and the {@code EventCatalog} of the generated client.
 *
 * <p>Entry points: {@link dev.poolse.codegen.asyncapi.AsyncApiGenerator#main(String[])} for the
 * build, {@link dev.poolse.codegen.asyncapi.AsyncApiGenerator#render(GeneratorOptions)} and
 * {@link dev.poolse.codegen.asyncapi.AsyncApiGenerator#generate(GeneratorOptions)} for code and
 * tests. The Java layout lives in Mustache templates ({@code codegen-templates/asyncapi}); this
 * package decides names, types, imports and escaping.
 */
package dev.poolse.codegen.asyncapi;
