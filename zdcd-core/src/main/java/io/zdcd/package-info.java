/** zdcd: zero downtime continuous delivery for Django + PostgreSQL. Shared types of the public API. */
package io.zdcd;
