/**
 * Build-time checks of the wire specs: JSON Schema validation of the OpenAPI and AsyncAPI
 * documents against the official schemas kept in the repository, swagger-parser validation, and the
 * openapi-diff compatibility gate against the released baseline. {@link dev.poolse.spectools.SpecCheck}
 * is the command line; {@link dev.poolse.spectools.SpecChecker} the same logic as a library call.
 */
package dev.poolse.spectools;
