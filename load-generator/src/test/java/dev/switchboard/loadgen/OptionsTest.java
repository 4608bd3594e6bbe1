package dev.switchboard.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.loadgen.traffic.Channel;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsAimAtTheLocalStack() {
        Options options = Options.parse();

        assertThat(options.target()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(options.management()).isEqualTo(URI.create("http://127.0.0.1:8090"));
        assertThat(options.kafka()).isEqualTo("127.0.0.1:9092");
        assertThat(options.channel()).isEqualTo(Channel.REST);
        assertThat(options.customers()).isEqualTo(200);
        assertThat(options.ceiling()).isTrue();
        assertThat(options.hold()).isNull();
        assertThat(options.out()).isNull();
    }

    @Test
    void takesValuesAfterASpaceOrAnEqualsSign() {
        Options options = Options.parse("--rate", "300", "--duration=60", "--warmup", "0.5", "--channel", "ws",
                "--no-ceiling", "--out", "run.json", "--target", "http://gateway:8080/",
                "--management=http://gateway:8090/");

        assertThat(options.rate()).isEqualTo(300);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.channel()).isEqualTo(Channel.WEBSOCKET);
        assertThat(options.ceiling()).isFalse();
        assertThat(options.out()).isEqualTo(Path.of("run.json"));
        assertThat(options.target()).isEqualTo(URI.create("http://gateway:8080"));
        assertThat(options.management()).isEqualTo(URI.create("http://gateway:8090"));
    }

    @Test
    void holdModeSendsATenthOfTheSocketsEveryTenSeconds() {
        Options options = Options.parse("--hold-connections", "2000", "--hold-seconds", "300");

        assertThat(options.hold().connections()).isEqualTo(2000);
        assertThat(options.hold().duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.hold().activeShare()).isEqualTo(0.1);
        assertThat(options.hold().activeInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> Options.parse("--rat", "3")).hasMessageContaining("unknown option --rat");
        assertThatThrownBy(() -> Options.parse("--rate")).hasMessageContaining("--rate needs a value");
        assertThatThrownBy(() -> Options.parse("--rate", "0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> Options.parse("--customers", "2.5")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Options.parse("--active-share", "2", "--hold-connections", "10"))
                .hasMessageContaining("share between 0 and 1");
        assertThatThrownBy(() -> Options.parse("--channel", "pigeon")).hasMessageContaining("rest, ws or mixed");
        assertThatThrownBy(() -> Options.parse("--help")).isInstanceOf(Options.UsageException.class).hasMessage("");
    }
}
