/**
 * The Heroku adapter's implementation: OkHttp interceptors, Jackson DTOs, Resilience4j wiring. Private API: no
 * compatibility guarantees; use {@code io.zdcd.heroku}.
 */
package io.zdcd.heroku.internal;
