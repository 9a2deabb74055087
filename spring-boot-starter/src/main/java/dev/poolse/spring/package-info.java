/**
 * Spring Boot auto-configuration for Poolse. With {@code poolse.api-key} set (or
 * {@code poolse.dev-server.enabled=true}) the application gets a
 * {@link dev.poolse.sdk.admin.PoolseAdmin} bean; with {@code poolse.service-account.external-id}
 * also a {@link dev.poolse.sdk.Poolse} bean acting as that user; with Actuator a {@code poolse}
 * health indicator. The properties are in {@link dev.poolse.spring.PoolseProperties}.
 */
package dev.poolse.spring;
