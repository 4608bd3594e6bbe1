package dev.switchboard.loadgen.traffic;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** The share of each kind of message; weights need not add up to 1. */
public record MessageMix(Map<Kind, Double> weights) {

    public MessageMix {
        weights = Map.copyOf(weights);
        if (weights.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("--mix needs at least one positive weight");
        }
    }

    /** {@code kb=0.9,fallback=0.05,handoff=0.05}; kinds left out get no messages. */
    public static MessageMix parse(String value) {
        Map<Kind, Double> weights = new EnumMap<>(Kind.class);
        for (String part : value.split(",")) {
            String[] pair = part.split("=", 2);
            Kind kind = Arrays.stream(Kind.values()).filter(k -> k.label().equals(pair[0].strip()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "--mix kinds are kb, fallback and handoff, got '" + pair[0].strip() + "'"));
            double weight;
            try {
                weight = pair.length == 2 ? Double.parseDouble(pair[1].strip()) : Double.NaN;
            } catch (NumberFormatException e) {
                weight = Double.NaN;
            }
            if (!(weight >= 0)) {
                throw new IllegalArgumentException("--mix needs kind=weight with a weight ≥ 0, got '" + part + "'");
            }
            weights.put(kind, weight);
        }
        return new MessageMix(weights);
    }

    /** A kind drawn with the mix's weights, then one of its questions. */
    Question draw(RandomGenerator random) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double point = random.nextDouble() * total;
        Kind chosen = null;
        for (Kind kind : Kind.values()) {
            double weight = weights.getOrDefault(kind, 0.0);
            if (weight > 0) {
                chosen = kind;
                if (point < weight) {
                    break;
                }
                point -= weight;
            }
        }
        return new Question(chosen, chosen.questions().get(random.nextInt(chosen.questions().size())));
    }

    record Question(Kind kind, String content) {
    }
}
