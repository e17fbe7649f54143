// zdcd in jshell. Start it from the repository root, after `mvn -B -q -DskipTests package`:
//   jshell --class-path zdcd-examples/target/zdcd.jar zdcd-examples/src/main/jshell/zdcd.jsh
// Then try:  classify("ALTER TABLE users ADD COLUMN email text NOT NULL")
import io.zdcd.classify.*;
import io.zdcd.analyzer.*;
import io.zdcd.analyzer.report.*;
import io.zdcd.analyzer.rules.*;
import io.zdcd.pipeline.*;
import io.zdcd.recovery.*;
import io.zdcd.spi.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;

/** The classifier with its defaults (PostgreSQL 17). */
var classifier = SqlMigrationClassifier.defaults();

/** Two migrations to try: one SAFE, one UNSAFE. */
var safeSql = "ALTER TABLE users ADD COLUMN nickname text;";
var unsafeSql = "ALTER TABLE users ALTER COLUMN id TYPE bigint;";

/** Classifies SQL and prints the verdict, each statement's lock and the safe alternative, as `zdcd check` does. */
void classify(String sql) {
    System.out.print(Reports.render(classifier.classify(sql), classifier.postgresVersion(), ReportFormat.TEXT));
}

System.out.println("zdcd ready: classify(safeSql), classify(unsafeSql), classifier.classify(\"...\")");
