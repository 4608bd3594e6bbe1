package dev.switchboard.intent.bench;

import dev.switchboard.intent.language.LanguageRecognizer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What recognising the language adds to every turn in intent-service (LanguageRecognizer as shipped, timer and
 * counter included): a short English question (n-grams of one to five letters), a long English complaint (Lingua
 * reads trigrams only from 120 characters; cut at 160), a short Spanish request, and a Chinese one (told by its
 * script). The models of the languages each message may be are loaded before the measurement. Run like
 * ClassificationBenchmark.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class LanguageRecognitionBenchmark {

    static final String SHORT = "my internet is super slow tonight";
    static final String LONG = "Comcast has been throttling my internet speed for months. I pay for 300 Mbps and most "
            + "evenings I get 15, I restarted the modem and the router, I called twice and each time I was told a "
            + "technician would call me back, nobody ever did. I want a credit for the months I paid for a speed I "
            + "never got, and I want someone to actually look at the line outside my house.";
    static final String SPANISH = "no tengo internet desde ayer, que pasa?";
    static final String CHINESE = "我的宽带从昨天开始就断了";

    LanguageRecognizer recognizer;

    @Setup(Level.Trial)
    public void load() {
        recognizer = new LanguageRecognizer(LanguageRecognizer.Settings.defaults(), new SimpleMeterRegistry());
        for (String message : new String[] {SHORT, LONG, SPANISH, CHINESE}) {
            recognizer.recognize(message);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public String shortEnglish() {
        return recognizer.recognize(SHORT);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public String longEnglish() {
        return recognizer.recognize(LONG);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public String shortSpanish() {
        return recognizer.recognize(SPANISH);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public String chinese() {
        return recognizer.recognize(CHINESE);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(LanguageRecognitionBenchmark.class.getSimpleName()).build()).run();
    }
}
