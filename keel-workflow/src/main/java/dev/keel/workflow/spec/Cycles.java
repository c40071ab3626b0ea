package dev.keel.workflow.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds one cycle in the steps' dependency graph and names it, e.g. {@code [a, b, c, a]}. */
final class Cycles {
    private final Map<String, List<String>> edges = new HashMap<>();

    Cycles(List<StepSpec> steps) {
        steps.forEach(step -> edges.put(step.name(), step.needs()));
    }

    Optional<List<String>> find() {
        Map<String, Integer> state = new HashMap<>(); // 1: on the path, 2: done
        for (String start : edges.keySet().stream().sorted().toList()) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> cycle = visit(start, state, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private Optional<List<String>> visit(String node, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(node);
        if (seen != null && seen == 2) {
            return Optional.empty();
        }
        if (seen != null && seen == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return Optional.of(cycle);
        }
        state.put(node, 1);
        path.add(node);
        for (String next : edges.getOrDefault(node, List.of())) {
            Optional<List<String>> cycle = visit(next, state, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.removeLast();
        state.put(node, 2);
        return Optional.empty();
    }
}
