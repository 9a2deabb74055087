/** The dev server's end-user tokens: HS256 JWTs it mints, verifies and can expire all at once. */
package dev.poolse.devserver.auth;
