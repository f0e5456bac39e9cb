package io.mcpplatform.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Jib image configuration (profile {@code image} in server/pom.xml) and the chart's pod spec must agree. */
class ImageAndChartAgreeTest {
    private final Element jib = jibConfiguration();
    private final Deployment deployment = Chart.template(Chart.values("defaults")).one(Deployment.class, "mcp-platform");
    private final PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    private final Container server = pod.getContainers().getFirst();

    private static Element jibConfiguration() {
        try {
            Path pom = Chart.DIR.getParent().getParent().resolve("server/pom.xml");
            assertTrue(Files.isRegularFile(pom), pom.toString());
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            NodeList plugins = doc.getElementsByTagName("plugin");
            for (int i = 0; i < plugins.getLength(); i++) {
                Element plugin = (Element) plugins.item(i);
                if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
                    Element profile = (Element) plugin.getParentNode().getParentNode().getParentNode();
                    assertEquals("image", text(profile, "id"), "Jib must live in the profile 'image' only");
                    return (Element) plugin.getElementsByTagName("configuration").item(0);
                }
            }
            throw new AssertionError("no jib-maven-plugin in server/pom.xml");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
    }

    private static List<String> texts(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().trim());
        }
        return values;
    }

    @Test
    void imageUserIsTheNonRootUserThePodRunsAs() {
        assertEquals(pod.getSecurityContext().getRunAsUser() + ":" + pod.getSecurityContext().getRunAsGroup(),
                text(jib, "user"));
    }

    @Test
    void imageExposesThePortsTheChartProbesAndRoutes() {
        List<String> chartPorts = server.getPorts().stream().map(p -> String.valueOf(p.getContainerPort())).toList();
        assertEquals(chartPorts, texts(jib, "port"));
    }

    @Test
    void imageRunsTheServerMainWithContainerJvmFlags() {
        assertEquals("io.mcpplatform.server.Main", text(jib, "mainClass"));
        List<String> flags = texts(jib, "jvmFlag");
        assertTrue(flags.contains("-XX:MaxRAMPercentage=75"), flags.toString());
        assertTrue(flags.contains("-XX:+ExitOnOutOfMemoryError"), flags.toString());
        assertTrue(flags.contains("-Djava.io.tmpdir=/tmp"), "the root filesystem is read-only; /tmp is the emptyDir");
        // flags that only exist on newer JDKs would stop the JVM on the Java 21 base image
        assertFalse(flags.stream().anyMatch(f -> f.startsWith("--sun-misc-unsafe-memory-access")), flags.toString());
    }

    @Test
    void imageIsTaggedVersionAndVersionDashGitSha() {
        assertTrue(text(jib, "to").contains("${image.tag}"));
        assertEquals(List.of("${image.tag}-${image.gitsha}"), texts(jib, "tag"));
    }

    @Test
    void chartSetsTheMemoryLimitThatMaxRamPercentageIsSizedFor() {
        assertEquals("1Gi", server.getResources().getLimits().get("memory").toString());
    }
}
