package io.distsync.lock.model;

import java.util.List;

/** The wait-for graph between owners and the cycles in it (there should be none). */
public record WaitForGraph(List<WaitForEdge> edges, List<List<String>> cycles) {}
