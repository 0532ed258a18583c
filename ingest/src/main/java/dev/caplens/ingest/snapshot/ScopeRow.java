package dev.caplens.ingest.snapshot;

/** The marker that a scope was read completely: what it took and what it wrote. */
public record ScopeRow(String source, int pages, int calls, int rows) {}
