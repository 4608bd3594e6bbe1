package dev.switchboard.platform.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.Ordered;

class WarmUpHealthIndicatorTest {

    final List<String> ran = Collections.synchronizedList(new ArrayList<>());

    @Test
    void staysOutOfServiceNamingWhatIsColdUntilEveryWarmUpSucceededInNameOrder() {
        // Given a broker warm-up that fails until the broker is up, and a classifier warm-up that succeeds
        AtomicBoolean brokerUp = new AtomicBoolean();
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("brokerConnected", (WarmUp) () -> {
            ran.add("broker");
            if (!brokerUp.get()) {
                throw new IllegalStateException("no broker yet");
            }
        });
        beans.addBean("classifierWarmUp", (WarmUp) () -> ran.add("classifier"));
        try (WarmUpHealthIndicator indicator = new WarmUpHealthIndicator(beans)) {
            // Before the application has started it is not ready
            assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

            // When the application is ready
            indicator.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], null,
                    Duration.ZERO));

            // Then, while the broker's warm-up fails, both are cold and the failure is named
            await().atMost(Duration.ofSeconds(5)).until(() -> indicator.health().getDetails().containsKey("failing"));
            Health cold = indicator.health();
            assertThat(cold.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(cold.getDetails().get("cold")).asList().contains("brokerConnected", "classifierWarmUp");
            assertThat((String) cold.getDetails().get("failing")).contains("brokerConnected", "no broker yet");

            // and once the broker is up, its retry succeeds, the next warm-up runs and the service is up
            brokerUp.set(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.UP));
            assertThat(ran).endsWith("broker", "classifier").containsOnlyOnce("classifier");
            assertThat(indicator.health().getDetails().get("warmMillis")).asInstanceOf(MAP)
                    .containsOnlyKeys("brokerConnected", "classifierWarmUp");
        }
    }

    @Test
    void aWarmUpThatIsOrderedLastRunsAfterTheOthersWhateverItsName() {
        // Given a rehearsal of the whole path, ordered last, whose name sorts before the model's warm-up it needs
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("aRehearsal", new LastWarmUp(() -> ran.add("rehearsal")));
        beans.addBean("modelWarmUp", (WarmUp) () -> ran.add("model"));
        beans.addBean("brokerConnected", (WarmUp) () -> ran.add("broker"));
        try (WarmUpHealthIndicator indicator = new WarmUpHealthIndicator(beans)) {
            // When the application is ready
            indicator.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], null,
                    Duration.ZERO));

            // Then the unordered ones run first, by name, and the rehearsal last
            await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.UP));
            assertThat(ran).containsExactly("broker", "model", "rehearsal");
        }
    }

    private record LastWarmUp(Runnable work) implements WarmUp, Ordered {

        @Override
        public void warmUp() {
            work.run();
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
