package dev.switchboard.account.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.switchboard.account.AccountProperties;
import dev.switchboard.account.audit.Audit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The reset (and the development set-ups beside it) exists only where its setting turns it on: everywhere else its
 * path is 404, for an admin too.
 */
class SeedResetSwitchTest {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class,
                    HttpHandlerAutoConfiguration.class))
            .withBean(DatabaseClient.class, () -> mock(DatabaseClient.class))
            .withBean(TransactionalOperator.class, () -> mock(TransactionalOperator.class))
            .withBean(SeedImport.class, () -> mock(SeedImport.class))
            .withBean(Audit.class, () -> mock(Audit.class))
            .withBean(AccountProperties.class, () -> mock(AccountProperties.class))
            .withUserConfiguration(SeedReset.class);

    @Test
    void offByDefaultTheResetPathIsNotFound() {
        // Given the service's settings without the reset (the default), When the reset is asked for, Then 404
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(SeedReset.class);
            WebTestClient.bindToApplicationContext(context).build().post().uri(SeedResetIT.RESET).exchange()
                    .expectStatus().isNotFound();
        });
        runner.withPropertyValues(AccountProperties.RESET_ENABLED + "=false")
                .run(context -> assertThat(context).doesNotHaveBean(SeedReset.class));
    }

    @Test
    void theSettingTurnsItOn() {
        runner.withPropertyValues(AccountProperties.RESET_ENABLED + "=true")
                .run(context -> assertThat(context).hasSingleBean(SeedReset.class));
    }
}
