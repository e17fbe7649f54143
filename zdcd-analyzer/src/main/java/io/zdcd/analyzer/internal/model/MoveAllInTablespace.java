package io.zdcd.analyzer.internal.model;

/** ALTER TABLE ALL IN TABLESPACE ... SET TABLESPACE ...: every table of a tablespace is moved. */
public record MoveAllInTablespace() implements Op {
}
