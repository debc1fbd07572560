package dev.cairn.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Timings in nanoseconds, by size, phase and label, in the order they were first recorded. */
final class Results {

    record Key(int size, String phase, String label) {
    }

    /** Median, minimum and maximum of one key's samples. */
    record Stats(long median, long min, long max, int samples) {
        static Stats of(List<Long> samples) {
            List<Long> s = new ArrayList<>(samples);
            Collections.sort(s);
            int n = s.size();
            long median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
            return new Stats(median, s.get(0), s.get(n - 1), n);
        }
    }

    private final Map<Key, List<Long>> samples = new LinkedHashMap<>();

    void add(int size, String phase, String label, long nanos) {
        samples.computeIfAbsent(new Key(size, phase, label), k -> new ArrayList<>()).add(nanos);
    }

    List<Integer> sizes() {
        return samples.keySet().stream().map(Key::size).distinct().toList();
    }

    /** Labels of one phase at one size, in recording order. */
    List<String> labels(int size, String phase) {
        return samples.keySet().stream().filter(k -> k.size() == size && k.phase().equals(phase)).map(Key::label)
                .toList();
    }

    Optional<Stats> stats(int size, String phase, String label) {
        List<Long> s = samples.get(new Key(size, phase, label));
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(Stats.of(s));
    }
}
