package dev.cairn.history.foreign;

import java.util.List;

/**
 * What was read from another tool's history table.
 *
 * @param claims   what it records as applied, in the order it applied them
 * @param problems what it records that forbids taking it over (a failure, a dirty state), one line each
 */
public record Reading(List<Claim> claims, List<String> problems) {

    public Reading {
        claims = List.copyOf(claims);
        problems = List.copyOf(problems);
    }
}
