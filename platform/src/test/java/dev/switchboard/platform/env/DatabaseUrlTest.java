package dev.switchboard.platform.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://app:s%40cret@db.local:6543/chat",
            "jdbc:postgresql://db.local:6543/chat?user=app&password=s%40cret",
            "r2dbc:postgresql://app:s%40cret@db.local:6543/chat", "postgres://app:s%40cret@db.local:6543/chat"})
    void everyShapeOperatorsPasteIsUnderstood(String url) {
        var properties = PlatformEnvironmentPostProcessor.databaseProperties(url);

        assertThat(properties).containsEntry("spring.r2dbc.url", "r2dbc:postgresql://db.local:6543/chat")
                .containsEntry("spring.flyway.url", "jdbc:postgresql://db.local:6543/chat")
                .containsEntry("spring.r2dbc.username", "app").containsEntry("spring.r2dbc.password", "s@cret")
                .containsEntry("spring.flyway.user", "app").containsEntry("spring.flyway.password", "s@cret");
    }

    @Test
    void defaultsToPort5432AndUserPostgresAndKeepsOtherParameters() {
        DatabaseUrl db = DatabaseUrl.parse("postgresql://localhost/feedback?sslmode=require");

        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/feedback?sslmode=require");
        assertThat(db.username()).isEqualTo("postgres");
    }

    @Test
    void aWrongSchemeOrMissingDatabaseIsExplained() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://localhost/chat")).hasMessageContaining("postgresql://");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://localhost")).hasMessageContaining("database");
    }
}
