package dev.poolse.codegen.asyncapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Generates the realtime event types of the Poolse client from the AsyncAPI document.
 *
 * <p>Pipeline: load the document and resolve every {@code $ref} (failing on the first one that
 * cannot be resolved, naming it and where it was used); read channels, operations and messages
 * into topics with server and client events; map each event payload to a Java type (schemas of
 * other documents map to the existing OpenAPI model classes, named schemas of this document become
 * records or enums); render them and the {@code EventCatalog} through the Mustache templates.
 * Output is deterministic: same inputs, same bytes.
 *
 * <p>Command line (also what the build runs via {@code exec:java}):
 * {@code --spec asyncapi.yaml --templates dir --output dir --package dev.poolse.client.events
 * --model-package dev.poolse.client.model}. Failures are thrown rather than ending the JVM, because
 * {@code exec:java} runs this inside the Maven process.
 */
public final class AsyncApiGenerator {

    private AsyncApiGenerator() {
    }

    /**
     * Runs the generator from the command line and prints the number of files written.
     *
     * @param args see {@link GeneratorOptions#parse(String...)}
     * @throws IllegalArgumentException if the arguments are wrong (the message has the usage)
     * @throws AsyncApiGenerationException if the spec cannot be turned into sources
     * @throws IOException if the output cannot be written
     */
    public static void main(String[] args) throws IOException {
        GeneratorOptions options = GeneratorOptions.parse(args);
        List<Path> written = generate(options);
        System.out.println("asyncapi-generator: " + written.size() + " files in "
                + options.output().resolve(options.eventsPackage().replace('.', '/')));
    }

    /**
     * Renders all sources without writing them.
     *
     * @param options what to generate
     * @return path relative to the output root (forward slashes) to file content, sorted by path
     * @throws NullPointerException if {@code options} is null
     * @throws AsyncApiGenerationException if the spec cannot be turned into sources
     */
    public static SortedMap<String, String> render(GeneratorOptions options) {
        Objects.requireNonNull(options, "options");
        RefResolver resolver = new RefResolver(options.spec());
        resolver.resolveAll();
        TypeMapper types = new TypeMapper(resolver, options.eventsPackage(), options.modelPackage());
        List<EventCatalogReader.Topic> topics = new EventCatalogReader(resolver, types).read();
        Located info = resolver.root().child("info");
        SourceRenderer renderer = new SourceRenderer(options.templates(), options.eventsPackage(),
                options.spec().getFileName().toString(),
                info.node().path("title").asText("AsyncAPI"), info.node().path("version").asText("?"));
        return renderer.render(types.generatedTypes(), topics);
    }

    /**
     * Renders all sources and writes them under {@code options.output()}. A file whose content is
     * unchanged is not rewritten (so incremental compilation stays incremental), and files of an
     * earlier run that this run no longer produces are deleted from the events package directory;
     * only files carrying the generator's marker line are ever deleted.
     *
     * @param options what to generate
     * @return the files now present, sorted
     * @throws NullPointerException if {@code options} is null
     * @throws AsyncApiGenerationException if the spec cannot be turned into sources
     * @throws IOException if the output cannot be written
     */
    public static List<Path> generate(GeneratorOptions options) throws IOException {
        SortedMap<String, String> files = render(options);
        Path packageDir = options.output().resolve(options.eventsPackage().replace('.', '/'));
        Files.createDirectories(packageDir);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = options.output().resolve(file.getKey());
            byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(target.getParent());
            if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), content)) {
                Files.write(target, content);
            }
            written.add(target);
        }
        deleteStale(packageDir, written);
        return written;
    }

    private static void deleteStale(Path packageDir, List<Path> keep) throws IOException {
        try (DirectoryStream<Path> existing = Files.newDirectoryStream(packageDir, "*.java")) {
            for (Path file : existing) {
                if (!keep.contains(file) && isGenerated(file)) {
                    Files.delete(file);
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
    }

    private static boolean isGenerated(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().map(l -> l.contains(SourceRenderer.GENERATED_MARKER)).orElse(false);
        }
    }
}
