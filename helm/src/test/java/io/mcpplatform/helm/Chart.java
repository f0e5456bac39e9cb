package io.mcpplatform.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The chart under test, driven in-process through helm-java (Helm as a native library, no binary, no network):
 * {@code helm template} with value files, and {@code helm lint --strict} on a copy of the chart whose values.yaml is
 * the chart's defaults merged with a value set (helm-java's lint takes no {@code -f}).
 */
final class Chart {
    static final String RELEASE = "mcp-platform";
    static final String NAMESPACE = "mcp";
    static final String KUBE_VERSION = "1.31.0";

    /** The chart directory (helm/mcp-platform), found from the module's working directory. */
    static final Path DIR = locate();
    static final Path VALUES = Path.of("src/test/resources/values").toAbsolutePath();
    static final Path BAD_VALUES = Path.of("src/test/resources/bad-values").toAbsolutePath();

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Chart() {
    }

    private static Path locate() {
        for (Path candidate : List.of(Path.of("mcp-platform"), Path.of("helm", "mcp-platform"))) {
            if (Files.isRegularFile(candidate.resolve("Chart.yaml"))) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("helm/mcp-platform/Chart.yaml not found from " + Path.of("").toAbsolutePath());
    }

    static Path values(String name) {
        return VALUES.resolve(name + ".yaml");
    }

    static Path badValues(String name) {
        return BAD_VALUES.resolve(name + ".yaml");
    }

    /**
     * A copy of the chart in which the hook annotation key is renamed. helm-java's {@code template} returns only the
     * release manifest, not the hooks that {@code helm template} prints after it; with the key renamed Helm treats
     * the hook objects as ordinary ones, and {@link #template} renames the key back in the output. Nothing else of
     * the chart differs.
     */
    private static final Path HOOKS_VISIBLE = hooksVisibleCopy();
    private static final String HOOK_KEY = "helm.sh/hook";
    private static final String HIDDEN_HOOK_KEY = "test.mcp-platform.io/hook";

    private static Path hooksVisibleCopy() {
        try {
            Path copy = Files.createTempDirectory("chart-hooks-visible").resolve("mcp-platform");
            copyTree(DIR, copy);
            try (Stream<Path> files = Files.list(copy.resolve("templates"))) {
                for (Path file : files.toList()) {
                    Files.writeString(file, Files.readString(file).replace(HOOK_KEY, HIDDEN_HOOK_KEY));
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code helm template} with the given value files, later files winning; throws when Helm refuses. */
    static Rendered template(Path... valueFiles) {
        TemplateCommand command = new Helm(HOOKS_VISIBLE).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path file : valueFiles) {
            command = command.withValuesFile(file);
        }
        return new Rendered(command.call().replace(HIDDEN_HOOK_KEY, HOOK_KEY));
    }

    /** {@code helm lint --strict} with the chart's defaults merged with the given value files. */
    static LintResult lint(Path work, Path... valueFiles) {
        Path copy = work.resolve("mcp-platform");
        copyTree(DIR, copy);
        Map<String, Object> merged = readYaml(DIR.resolve("values.yaml"));
        for (Path file : valueFiles) {
            merged = deepMerge(merged, readYaml(file));
        }
        try {
            Files.writeString(copy.resolve("values.yaml"), new Yaml().dump(merged));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Helm(copy).lint().strict().call();
    }

    /** {@code helm lint --strict} of the chart exactly as shipped. */
    static LintResult lintAsShipped() {
        return new Helm(DIR).lint().strict().call();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readYaml(Path file) {
        try {
            Object loaded = new Yaml(new LoaderOptions()).load(Files.readString(file));
            return loaded == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) loaded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        over.forEach((key, value) -> {
            Object existing = result.get(key);
            if (existing instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
                result.put(key, deepMerge((Map<String, Object>) a, (Map<String, Object>) b));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of one {@code helm template} run. */
    static final class Rendered {
        final String text;
        final List<Map<String, Object>> documents = new ArrayList<>();

        @SuppressWarnings("unchecked")
        Rendered(String text) {
            this.text = text;
            for (Object document : new Yaml().loadAll(text)) {
                if (document instanceof Map<?, ?> map && !map.isEmpty()) {
                    documents.add((Map<String, Object>) map);
                }
            }
        }

        List<Map<String, Object>> raw(String kind) {
            return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }

        /** All objects of the model's kind, as typed fabric8 models. */
        <T extends HasMetadata> List<T> all(Class<T> type) {
            String kind = HasMetadata.getKind(type);
            return raw(kind).stream().map(d -> JSON.convertValue(d, type)).toList();
        }

        /** The only object of that kind and name. */
        <T extends HasMetadata> T one(Class<T> type, String name) {
            List<T> matches = all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).toList();
            if (matches.size() != 1) {
                throw new AssertionError("expected one " + type.getSimpleName() + " named " + name + ", found "
                        + matches.size() + " among " + kinds());
            }
            return matches.getFirst();
        }

        List<String> kinds() {
            return documents.stream()
                    .map(d -> d.get("kind") + "/" + ((Map<?, ?>) d.get("metadata")).get("name"))
                    .toList();
        }

        boolean has(String kind) {
            return documents.stream().anyMatch(d -> Objects.equals(kind, d.get("kind")));
        }
    }
}
