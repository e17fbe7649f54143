package io.zdcd.analyzer.internal.model;

/** set_config() with a computed name or value that may change the time zone: zdcd no longer knows it. */
public record UnknownTimeZone() implements Op {
}
