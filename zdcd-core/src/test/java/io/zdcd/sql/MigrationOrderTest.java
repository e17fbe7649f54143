package io.zdcd.sql;

import static org.assertj.core.api.BDDAssertions.then;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationOrderTest {

    @Test
    void flyway_files_first_by_numeric_version_then_the_rest_in_natural_order() {
        List<String> names = new ArrayList<>(List.of("0010_x.sql", "V10__c.sql", "app/0002_b.sql", "V2__b.sql",
                "V1_1__a2.sql", "0009_y.sql", "V1__a.sql", "app/0001_a.sql",
                "V99999999999999999999999__huge.sql"));
        names.sort(MigrationOrder::compare);
        then(names).containsExactly("V1__a.sql", "V1_1__a2.sql", "V2__b.sql", "V10__c.sql",
                "V99999999999999999999999__huge.sql", "0009_y.sql", "0010_x.sql", "app/0001_a.sql", "app/0002_b.sql");
    }
}
