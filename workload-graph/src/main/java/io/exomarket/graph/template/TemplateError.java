package io.exomarket.graph.template;

/** A problem found while compiling a template: where, which expression (may be null), what. */
public record TemplateError(String path, String expression, String message) {}
