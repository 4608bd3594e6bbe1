package dev.switchboard.language.guardrail;

import java.util.Map;

/**
 * The reply to a message that is not in English: the assistant answers in English only, and a person can help. In the
 * customer's language where we have the words, else in English. The button it names is the quick reply the guardrail
 * sends with it ("Talk to a person"), whose label stays in English because the routing reads it as a request for a
 * person.
 */
public final class LanguageReplies {

    public static final String ENGLISH = "Sorry, I can only help in English for now. You can write your question in "
            + "English, or choose \"Talk to a person\" and a member of our support team will help you.";

    /** By ISO 639-1 code. */
    private static final Map<String, String> TRANSLATED = Map.ofEntries(
            Map.entry("es", "Lo siento, por ahora solo puedo ayudarte en inglés. Puedes escribir tu pregunta en "
                    + "inglés, o elegir \"Talk to a person\" y una persona de nuestro equipo de soporte te atenderá."),
            Map.entry("pt", "Desculpe, por enquanto só consigo ajudar em inglês. Você pode escrever sua pergunta em "
                    + "inglês, ou escolher \"Talk to a person\" e uma pessoa da nossa equipe de suporte vai te "
                    + "atender."),
            Map.entry("fr", "Désolé, pour l'instant je ne peux vous aider qu'en anglais. Vous pouvez écrire votre "
                    + "question en anglais, ou choisir « Talk to a person » et un membre de notre équipe "
                    + "d'assistance vous aidera."),
            Map.entry("vi", "Xin lỗi, hiện tại tôi chỉ hỗ trợ được bằng tiếng Anh. Bạn có thể viết câu hỏi bằng "
                    + "tiếng Anh, hoặc chọn \"Talk to a person\" để nhân viên hỗ trợ của chúng tôi giúp bạn."),
            Map.entry("zh", "抱歉，目前我只能用英语为您提供帮助。您可以用英语提问，或者选择“Talk to a person”，由我们的客服人员为您服务。"),
            Map.entry("de", "Entschuldigung, ich kann im Moment nur auf Englisch helfen. Sie können Ihre Frage auf "
                    + "Englisch stellen oder \"Talk to a person\" wählen, dann hilft Ihnen jemand aus unserem "
                    + "Support-Team."),
            Map.entry("it", "Mi dispiace, per ora posso aiutarti solo in inglese. Puoi scrivere la tua domanda in "
                    + "inglese, oppure scegliere \"Talk to a person\" e una persona del nostro team di assistenza ti "
                    + "aiuterà."),
            Map.entry("nl", "Sorry, ik kan op dit moment alleen in het Engels helpen. U kunt uw vraag in het Engels "
                    + "stellen, of kies \"Talk to a person\" en iemand van ons supportteam helpt u verder."),
            Map.entry("id", "Maaf, saat ini saya hanya bisa membantu dalam bahasa Inggris. Anda bisa menulis "
                    + "pertanyaan dalam bahasa Inggris, atau pilih \"Talk to a person\" dan tim dukungan kami akan "
                    + "membantu Anda."),
            Map.entry("pl", "Przepraszam, na razie mogę pomóc tylko po angielsku. Możesz napisać pytanie po "
                    + "angielsku albo wybrać „Talk to a person”, a ktoś z naszego zespołu wsparcia Ci pomoże."),
            Map.entry("tl", "Paumanhin, sa ngayon ay sa Ingles lang ako nakakatulong. Maaari mong isulat ang iyong "
                    + "tanong sa Ingles, o piliin ang \"Talk to a person\" at tutulungan ka ng isang miyembro ng "
                    + "aming support team."));

    private LanguageReplies() {
    }

    /** @param language ISO 639-1 code of the customer's language */
    public static String in(String language) {
        return TRANSLATED.getOrDefault(language, ENGLISH);
    }
}
