/** A JUnit 5 extension that runs a dev server for a test class and injects it into tests. */
package dev.poolse.devserver.junit;
