package dev.poolse.codegen.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources with the JDK compiler, against jackson-annotations only (what the
 * generated client exposes), with tiny stand-ins for the OpenAPI model classes they reference.
 * A stand-in keeps every JSON member it reads (any-setter/any-getter) so that round trips through
 * it are lossless.
 */
final class GeneratedSources {

    private GeneratedSources() {
    }

    /**
     * Writes {@code files} under {@code root/src}, adds model stand-ins, compiles into
     * {@code root/classes} and returns a class loader for the result.
     */
    static URLClassLoader compile(Map<String, String> files, String modelPackage, Path root) throws IOException {
        Path src = root.resolve("src");
        Path classes = Files.createDirectories(root.resolve("classes"));
        List<String> options = List.of("--release", "17", "-Xlint:all", "-Xdoclint:all/protected", "-Werror", "-encoding", "UTF-8",
                "-proc:none", "-d", classes.toString(), "-classpath", jarOf(JsonProperty.class));
        List<Path> sources = new ArrayList<>();
        Set<String> modelTypes = new TreeSet<>();
        Pattern modelRef = Pattern.compile(Pattern.quote(modelPackage) + "\\.([A-Z][A-Za-z0-9_]*)");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = src.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            sources.add(target);
            Matcher m = modelRef.matcher(file.getValue());
            while (m.find()) {
                modelTypes.add(m.group(1));
            }
        }
        for (String type : modelTypes) {
            Path stub = src.resolve(modelPackage.replace('.', '/')).resolve(type + ".java");
            Files.createDirectories(stub.getParent());
            Files.writeString(stub, stub(modelPackage, type), StandardCharsets.UTF_8);
            sources.add(stub);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager =
                compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = compiler.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(sources)).call();
            assertThat(ok).as("javac: %s", diagnostics.getDiagnostics()).isTrue();
            assertThat(diagnostics.getDiagnostics()).as("javac warnings").isEmpty();
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedSources.class.getClassLoader());
    }

    private static String stub(String modelPackage, String type) {
        return "package " + modelPackage + ";\n\n"
                + "/** Stand-in for the generated OpenAPI model class (or enum), keeping every JSON member. */\n"
                + "public class " + type + " {\n"
                + "    /** Creates an empty instance. */\n"
                + "    public " + type + "() {\n"
                + "    }\n\n"
                + "    /**\n     * Reads a bare string, as a model enum such as CallMedia travels.\n     *\n     * @param value the string\n     */\n"
                + "    public " + type + "(String value) {\n"
                + "        this.value = value;\n"
                + "    }\n\n"
                + "    private String value;\n\n"
                + "    private final java.util.Map<String, Object> members = new java.util.LinkedHashMap<>();\n\n"
                + "    /**\n     * What to write: the string read, else the members.\n     *\n     * @return the JSON value\n     */\n"
                + "    @com.fasterxml.jackson.annotation.JsonValue\n"
                + "    public Object json() {\n"
                + "        return value != null ? value : members;\n"
                + "    }\n\n"
                + "    /**\n     * Keeps a member.\n     *\n     * @param name the member name\n     * @param value its value\n     */\n"
                + "    @com.fasterxml.jackson.annotation.JsonAnySetter\n"
                + "    public void put(String name, Object value) {\n"
                + "        members.put(name, value);\n"
                + "    }\n\n"
                + "    /**\n     * The members read.\n     *\n     * @return the members by name\n     */\n"
                + "    @com.fasterxml.jackson.annotation.JsonAnyGetter\n"
                + "    public java.util.Map<String, Object> members() {\n"
                + "        return members;\n"
                + "    }\n"
                + "}\n";
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
