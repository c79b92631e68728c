package io.distsync.deploy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The provisioned Grafana dashboard, docker/grafana/dashboards/distsync.json. */
public record Dashboard(JsonObject json) {
  public static final String PATH = "docker/grafana/dashboards/distsync.json";

  /** One query of a panel (or a variable): where it is, and its PromQL. */
  public record Query(String where, String expr) {}

  public static Dashboard load() {
    try (JsonReader r = Json.createReader(new StringReader(RepoFiles.read(PATH)))) {
      return new Dashboard(r.readObject());
    }
  }

  /** Every PromQL query of the dashboard: panel targets (rows' nested panels too) and variables. */
  public List<Query> queries() {
    List<Query> out = new ArrayList<>();
    collect(json.getJsonArray("panels"), out);
    JsonObject templating = json.getJsonObject("templating");
    if (templating != null) {
      for (JsonValue v : templating.getJsonArray("list")) {
        JsonObject var = v.asJsonObject();
        JsonValue q = var.get("query");
        String text =
            q instanceof JsonObject o ? o.getString("query", "") : var.getString("definition", "");
        if (!text.isBlank()) {
          out.add(new Query("variable " + var.getString("name"), text));
        }
      }
    }
    return out;
  }

  private static void collect(List<JsonValue> panels, List<Query> out) {
    for (JsonValue p : panels) {
      JsonObject panel = p.asJsonObject();
      if (panel.containsKey("panels")) {
        collect(panel.getJsonArray("panels"), out);
      }
      if (panel.containsKey("targets")) {
        for (JsonValue t : panel.getJsonArray("targets")) {
          out.add(
              new Query(
                  "panel '" + panel.getString("title") + "'", t.asJsonObject().getString("expr")));
        }
      }
    }
  }

  /** Every metric name the dashboard's queries select. */
  public Set<String> metricNames() {
    Set<String> names = new TreeSet<>();
    queries().forEach(q -> names.addAll(PromQl.metricNames(q.expr())));
    return names;
  }
}
