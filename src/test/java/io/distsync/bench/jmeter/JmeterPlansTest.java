package io.distsync.bench.jmeter;

import static org.assertj.core.api.Assertions.assertThat;

import io.distsync.deploy.RepoFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The plans in jmeter/ stay runnable against any cluster and honest: protocol, token, host, ports,
 * threads, ramp-up and duration are properties; every request goes with the bearer token, is one of
 * the contract's operations and asserts its status; the mixed plan keeps the seeds' percentages.
 */
class JmeterPlansTest {
  private static final List<Pattern> CONTRACT =
      List.of(
          Pattern.compile("POST /locks/(acquire|release)"),
          Pattern.compile("POST /queues/[^/]+/(messages|consume|ack)"),
          Pattern.compile("(GET|PUT) /cache/[^/]+"));

  @ParameterizedTest
  @ValueSource(strings = {"mixed", "locks", "queue", "cache"})
  void when_a_plan_runs_then_it_is_parameterized_and_every_request_is_checked(String plan)
      throws Exception {
    String text = RepoFiles.read("jmeter/" + plan + ".jmx");
    for (String property :
        List.of(
            "host,localhost", "port1,8001", "port2,8002", "port3,8003", "rampup,", "duration,")) {
      assertThat(text).as(plan + " reads property " + property).contains("${__P(" + property);
    }
    assertThat(text).contains("${__P(threads,");
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(RepoFiles.path("jmeter/" + plan + ".jmx").toFile());
    NodeList samplers = doc.getElementsByTagName("HTTPSamplerProxy");
    assertThat(samplers.getLength()).isPositive();
    for (int i = 0; i < samplers.getLength(); i++) {
      Element sampler = (Element) samplers.item(i);
      String call = prop(sampler, "HTTPSampler.method") + " " + prop(sampler, "HTTPSampler.path");
      assertThat(CONTRACT).as(plan + ": " + call).anyMatch(p -> p.matcher(call).matches());
      Element children = nextElement(sampler);
      assertThat(children.getElementsByTagName("ResponseAssertion").getLength())
          .as(plan + ": '" + sampler.getAttribute("testname") + "' asserts its status")
          .isPositive();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mixed", "locks", "queue", "cache"})
  void when_a_plan_runs_against_the_secure_cluster_then_every_request_is_https_with_the_token(
      String plan) throws Exception {
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(RepoFiles.path("jmeter/" + plan + ".jmx").toFile());
    // Plan-wide elements are the children of the hash tree right after the TestPlan: they apply to
    // every sampler of the plan.
    Element planTree = nextElement(doc.getElementsByTagName("TestPlan").item(0));

    List<Element> defaults = children(planTree, "ConfigTestElement");
    assertThat(defaults).as(plan + ": one plan-wide HTTP defaults element").hasSize(1);
    assertThat(prop(defaults.get(0), "HTTPSampler.protocol"))
        .as(plan + ": the protocol is the property 'protocol', https by default")
        .isEqualTo("${__P(protocol,https)}");

    List<String> planWide = new ArrayList<>();
    for (Element manager : children(planTree, "HeaderManager")) {
      planWide.addAll(authorization(manager));
    }
    assertThat(planWide)
        .as(plan + ": a plan-wide header manager sends the token of the property 'token'")
        .containsExactly("Bearer ${__P(token,)}");
    assertThat(authorization(doc.getDocumentElement()))
        .as(plan + ": no other Authorization header overrides it")
        .hasSize(1);

    NodeList samplers = doc.getElementsByTagName("HTTPSamplerProxy");
    for (int i = 0; i < samplers.getLength(); i++) {
      Element sampler = (Element) samplers.item(i);
      assertThat(prop(sampler, "HTTPSampler.protocol"))
          .as(plan + ": '" + sampler.getAttribute("testname") + "' takes the plan's protocol")
          .isEmpty();
    }
  }

  @Test
  void when_mixed_runs_then_the_seeds_percentages_are_kept() throws Exception {
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(RepoFiles.path("jmeter/mixed.jmx").toFile());
    Map<String, Double> percent = new TreeMap<>();
    NodeList controllers = doc.getElementsByTagName("ThroughputController");
    for (int i = 0; i < controllers.getLength(); i++) {
      Element c = (Element) controllers.item(i);
      Element value = (Element) c.getElementsByTagName("value").item(0);
      percent.put(c.getAttribute("testname"), Double.parseDouble(value.getTextContent()));
    }
    assertThat(percent.values()).containsExactlyInAnyOrder(33.0, 3.5, 19.5, 19.0, 5.0);
    // The lock part is a pair (acquire + release): 19.5 % each, about 100 % of requests in all.
    assertThat(percent.values().stream().mapToDouble(Double::doubleValue).sum() + 19.5)
        .isBetween(99.0, 101.0);
    assertThat(RepoFiles.read("jmeter/mixed.jmx")).contains("${__P(threads,50)}");
  }

  @Test
  void when_the_hot_lock_is_taken_then_only_a_grant_or_lock_conflict_passes() {
    String locks = RepoFiles.read("jmeter/locks.jmx");
    assertThat(locks)
        .contains("200|409")
        .contains("&quot;fencingToken&quot;|&quot;LOCK_CONFLICT&quot;");
    assertThat(RepoFiles.read("jmeter/mixed.jmx"))
        .as("no 409 passes in the mixed plan")
        .doesNotContain("200|409");
  }

  private static String prop(Element e, String name) {
    NodeList props = e.getElementsByTagName("stringProp");
    for (int i = 0; i < props.getLength(); i++) {
      Element p = (Element) props.item(i);
      if (p.getAttribute("name").equals(name) && p.getParentNode() == e) {
        return p.getTextContent();
      }
    }
    return "";
  }

  /** The values of the Authorization headers of the header managers in {@code root}. */
  private static List<String> authorization(Element root) {
    List<String> values = new ArrayList<>();
    NodeList props = root.getElementsByTagName("elementProp");
    for (int i = 0; i < props.getLength(); i++) {
      Element h = (Element) props.item(i);
      if (h.getAttribute("elementType").equals("Header")
          && prop(h, "Header.name").equalsIgnoreCase("Authorization")) {
        values.add(prop(h, "Header.value"));
      }
    }
    return values;
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> found = new ArrayList<>();
    for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.ELEMENT_NODE && c.getNodeName().equals(tag)) {
        found.add((Element) c);
      }
    }
    return found;
  }

  private static Element nextElement(Node n) {
    Node s = n.getNextSibling();
    while (s != null && s.getNodeType() != Node.ELEMENT_NODE) {
      s = s.getNextSibling();
    }
    return (Element) s;
  }
}
