/**
 * Django integration: {@link io.zdcd.django.DjangoMigrationSource} knows which migrations of a Django project are
 * pending (the project's migration files against the target database's {@code django_migrations} table) with their
 * SQL ({@code manage.py sqlmigrate}); {@link io.zdcd.django.DjangoMigrationRunner} applies them one by one with
 * {@code manage.py migrate} under {@code PGOPTIONS} lock_timeout and statement_timeout, retrying lock timeouts.
 * Both run a Python interpreter that has Django ({@link io.zdcd.django.DjangoProject}).
 */
package io.zdcd.django;
