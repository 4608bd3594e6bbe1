package dev.switchboard.language.guardrail;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The guardrail's lexical rules: attempts to steer or extract the assistant, or to reach other people's data, in the
 * phrasings seen so far (explainable, no cost). intent-service applies them to every turn before it is answered,
 * llm-fallback-service again before its model; {@link NearestExamples} catches the paraphrases they miss.
 */
public final class InjectionRules {

    private static final String DISMISS = "(ignore|disregard|forget|override|bypass|skip|set aside|put aside|abandon|"
            + "discard|stop following)";
    // a character of the words between the dismissal and the rules, as long as no "my" or "our" starts there
    private static final String NOT_OWN = "(?:(?!\\b(?:my|our)\\b)[\\w\\s,'])";

    private static final List<PrefilteredPattern> PATTERNS = PrefilteredPattern.allOf(List.of(
            // "ignore previous instructions" and its many spellings, the qualifier before the rules or after them; the
            // customer's own earlier instructions ("disregard my previous instructions", "the instructions I gave about
            // the visit") are a change of mind, not an attack
            Pattern.compile("\\b" + DISMISS + "\\b" + NOT_OWN + "{0,30}?\\b(previous|prior|above|earlier|preceding|initial|"
                    + "original|system|all|your|any)\\b" + NOT_OWN + "{0,20}?\\b(instructions?|prompts?|rules|directions|"
                    + "guidelines|directives|programming|constraints|restrictions|guardrails)\\b(?!\\s+(i|we)\\s+(gave|left|sent|"
                    + "wrote|made|put|added|mentioned|had|typed|provided)\\b)"),
            Pattern.compile("\\b" + DISMISS + "\\s+(the|these|those)\\s+(instructions?|prompts?|rules|directions|guidelines|"
                    + "directives)\\s+(above|before|so far|(that\\s+)?you\\s+(were|have been|'ve been|got)\\s+(given|told))"),
            // "ignore what you were told"
            Pattern.compile("\\b(ignore|disregard|forget)\\s+(what|everything|anything|all)\\s+(you\\s+)?(were|have been|'ve been|"
                    + "got)?\\s*(told|instructed|given)\\b"),
            // asking for the hidden prompt, or for whatever the assistant was given before the customer wrote
            Pattern.compile("\\b(reveal|show|print|repeat|tell|output|display|leak|dump|share|what)\\b[\\w\\s']{0,25}?"
                    + "\\b(system|hidden|initial|original|secret|internal)\\s+(prompt|instructions?|message|rules|configuration)"),
            Pattern.compile("\\b(your|the)\\s+(system\\s+prompt|instructions\\s+verbatim|prompt\\s+verbatim)"),
            Pattern.compile("\\b(reveal|leak|expose|divulge)\\s+(\\w+\\s+)?your\\b"),
            // "about" asks the assistant to pass on news (an outage), not its own setup
            Pattern.compile("\\b(what|which)\\s+(\\w+\\s+){0,2}?(were|was|have|had|did)\\s+you\\s+(been\\s+)?(given|told|"
                    + "instructed|programmed|configured)\\b(?!\\s+(about|regarding)\\b)"),
            Pattern.compile("\\b(instructions|rules|prompt|guidelines|guidance|directives|text)\\s+(that\\s+)?(\\w+\\s+){0,2}?(gave|wrote|"
                    + "set|provided|fed)\\s+you\\b"),
            // text the customer put there themselves ("I pasted the error text above my message") is not the prompt
            Pattern.compile("(?<!\\b(?:pasted|put|typed|wrote|added|included|attached|sent|copied)\\b[\\w\\s']{0,20})"
                    + "\\b(everything|anything|text|words|all)\\b[\\w\\s']{0,25}?\\b(before|above|preceding|prior to)\\s+"
                    + "(this|my|our|the)\\s+(conversation|chat|message|first message|line|sentence|point)\\b"),
            // the usual opening of a system prompt, asked for as the place to start repeating from
            Pattern.compile("\\b(starting|beginning|start|begin)\\s+(with|from|at)\\s+(the\\s+(words?|phrase)\\s+)?['\"“‘]"
                    + "you are\\b"),
            // words the assistant is told to say back exactly: a confirmation the customer wants in writing
            Pattern.compile("\\b(reply|respond|answer|say|write|type|confirm)\\s+(back\\s+)?(with\\s+|to me\\s+)?(exactly|only|"
                    + "just|verbatim|word for word|the (exact )?(words|phrase|text))\\s*:?\\s*['\"“‘]"),
            // role-play and persona switches
            Pattern.compile("\\b(pretend|imagine|roleplay|role-play|role play|let's play|a game where)\\b[\\w\\s'.,:;!-]{0,30}?"
                    + "\\b(you are|you're|to be|as)\\b"),
            Pattern.compile("\\b(you are now|from (now on|this (moment|point)( on)?|here on),? you|(act|behave|pose|respond)\\s+"
                    + "(as|like)\\s+(an?|my|the)\\s+(\\w+\\s+)?(unrestricted|unfiltered|evil|jailbroken|admin|administrator|"
                    + "developer|root|hacker|different|new)|you (have|had) no (\\w+\\s+)?(rules|restrictions|limits|filters))\\b"),
            Pattern.compile("\\b(behave|act|respond|answer|reply|talk|speak)\\s+as (if|though) you\\b"),
            Pattern.compile("\\bstop being (a|an|the|my)\\s+(\\w+\\s+)?(assistant|bot|chatbot|ai|agent)\\b"),
            // a jailbroken phone is a customer's device; only jailbreaking the assistant is an attack
            Pattern.compile("\\bjailbreak(\\s+(mode|prompt|you|this)\\b|\\s*:)|\\bjailbroken\\s+(ai|model|assistant|bot|"
                    + "mode|version)\\b|\\b(dan mode|do anything now)\\b"),
            // "developer mode" alone is a setting of many TV boxes and phones; switching the assistant into it is not
            Pattern.compile("\\b(enable|enter|activate|switch to|switch into|go into|turn on)\\s+(developer|god|sudo|dan|"
                    + "admin|unrestricted) mode\\b"),
            Pattern.compile("\\byou('re| are)\\s+(now\\s+)?in\\s+(\\w+\\s+)?mode\\b"),
            Pattern.compile("\\bwithout (any )?(restrictions|filters|rules|guardrails|censorship|limitations)\\b"),
            Pattern.compile("\\b(safety|filters?|guardrails?|moderation|censorship|restrictions)\\s*[=:]\\s*(off|false|0|none|"
                    + "disabled)\\b"),
            // fake role lines, command headers and chat-template tokens
            Pattern.compile("(?m)^\\s*[\\[#<(]*\\s*(system|assistant|developer|override|sudo)\\s*[\\]>)]*\\s*:"),
            Pattern.compile("<\\|?(im_start|im_end|system|endoftext)\\|?>|\\[/?(inst|system)\\]"),
            Pattern.compile("\\b(new|updated|revised|override) (instructions|rules|system prompt|directives|orders)"
                    + "( from [\\w\\s]{0,25}?)?\\s*:"),
            // a banner or an order "from head office" opening the message: a header only staff would send
            Pattern.compile("^\\s*([=*#~-])\\1{2,}[^\\n]{1,60}?([=*#~-])\\2{2,}"),
            Pattern.compile("\\b(directives?|orders?|instructions?|memo) from (the )?(head office|headquarters|corporate|"
                    + "management|your (boss|manager|supervisor|developers?|creators?))\\b"),
            // a manual or policy said to oblige the assistant to hand out money: a credit talked into existence
            Pattern.compile("\\b(manual|policy|instructions|guidelines|rules|directive|memo|system prompt)\\b[^?]{0,80}?\\b(you|"
                    + "agents?|staff|representatives|(the\\s+)?(assistant|bot|chatbot|ai)|support)\\s+(are\\s+)?(must|required to|obliged to|obligated to|"
                    + "instructed to|authori[sz]ed to)\\s+(\\w+\\s+){0,2}?((give|issue|apply|grant|approve|waive|add)\\b"
                    + "[^.?!]{0,30}?(credit|refund|free|discount|fees|\\$)|(refund|credit|compensate|reimburse)\\b)"),
            // an approval claimed from a colleague, with the order not to verify it
            Pattern.compile("\\b(you\\s+)?(don't|do not|dont|no)\\s+need\\s+to\\s+(check|verify|confirm)\\s+(with|it|this|that|"
                    + "anything|anyone)\\b|\\bjust\\s+(process|apply|approve|push)\\s+(it|the\\s+(refund|credit))\\b"),
            // text smuggled in to be decoded or translated and then obeyed, or addressed to the model in markup
            Pattern.compile("\\b(translate|decode|decipher|decrypt|convert)\\b[^.?!]{0,40}?\\b(carry it out|do (exactly )?what it "
                    + "says|follow it|execute it|obey it|act on it|do as it says)\\b"),
            Pattern.compile("\\bnote\\s+(to|for)\\s+(the\\s+)?(ai|assistant|bot|chatbot|model|llm)\\b|<!--[^>]{0,200}?\\b("
                    + "ignore|assistant|ai|instructions?|system)\\b"),
            Pattern.compile("\\b" + DISMISS + "\\s+(the|your|all|any)\\s+(safety|security|content|company|support)\\s+(policy|"
                    + "policies|rules|filters|guidelines)\\b"),
            // other customers' data
            Pattern.compile("\\b(other|another|all|every|any)\\s+(customers?|users?|subscribers?)('s|s'|')?\\s+(\\w+\\s+)?"
                    + "(data|details|accounts?|addresses|numbers|emails|information|info|passwords|records|bills)"),
            Pattern.compile("\\b(data|details|accounts?|address(es)?|numbers?|emails?|information|info|passwords?|records?|"
                    + "bills?|names?)\\s+(of|for|from|belonging to)\\s+(other|another|all|every)\\s+(customers?|users?|subscribers?|"
                    + "people|accounts?)\\b"),
            // plural only: "the number of customers" (affected by an outage) is a count, not their data
            Pattern.compile("\\b(names|numbers|addresses|emails|passwords|records)\\s+of\\s+(the\\s+|your\\s+)?(\\w+\\s+)?(customers|"
                    + "users|subscribers|callers|residents)\\b"),
            Pattern.compile("\\b(list|dump|export|give me|show me)\\b[\\w\\s]{0,15}?\\b(customer|user|subscriber)\\s+"
                    + "(data|records|database|list|table)"),
            // a named third party: a neighbour's plan, WiFi or phone number is everyday talk, their account is not
            Pattern.compile("\\b(account( number)?|address|password|email|records?)\\s+(of|for|belonging to)\\s+"
                    + "(my\\s+)?(neighbou?rs?|someone else|somebody else|another person|mr|mrs)\\b"),
            Pattern.compile("\\b(neighbou?r|someone else|somebody else|anyone else)('s|s')\\s+(\\w+\\s+)?(account|address|"
                    + "password|email|records)\\b"),
            Pattern.compile("\\bwho (else )?(lives|live|is living|stays|resides) at\\b"),
            Pattern.compile("\\b(previous|last|other|next)\\s+(customer|caller|user|person)\\s+(that\\s+|who\\s+)?(you|"
                    + "was|were)\\s+(just\\s+)?(chatted|spoke|talked|helped|served|chatting|speaking|talking)\\b"),
            // what is held for a named person or another account, or which neighbours subscribe
            Pattern.compile("\\b(on file|registered|stored|saved|listed)\\s+(for|on|under)\\s+(?!(me|my|myself|mine|our|us|"
                    + "this account|the account|my account)\\b)(account\\s+\\d|[a-z]+\\s+[a-z]+\\s+(at|on|in)\\b)"),
            Pattern.compile("\\bwhich (of )?(my |the )?(neighbou?rs|tenants|residents|people|houses|homes)\\b[^?.]{0,30}?"
                    + "\\b(subscribe|are subscribed|(have|use|get) (your|the) (service|package|plan|internet|tv))"),
            Pattern.compile("\\b(when|where)\\s+(did\\s+)?(he|she|they|his|her|their)\\s+(last\\s+)?(paid|pays|bills?|"
                    + "statements?|account)\\b"),
            Pattern.compile("\\b(who owns|(give|tell|read|send|show|find|look up)\\s+(me\\s+)?(the\\s+)?(\\w+\\s+)?(address|"
                    + "name|owner|details|account)\\s+(for|of|on|behind|linked to|registered to))\\s+(the|this|that)\\s+"
                    + "((phone|mobile|cell)\\s+)?number\\b")));

    // an ellipsis between words splits a phrase for the eye, not for the customer's meaning
    private static final Pattern ELLIPSIS = Pattern.compile("\\.{2,}|\u2026");

    private InjectionRules() {
    }

    /** The message as the rules read it: lower case, an ellipsis as a space. */
    public static String normalize(String content) {
        return ELLIPSIS.matcher(content.toLowerCase(Locale.ROOT)).replaceAll(" ");
    }

    /** Whether any rule matches {@code content} (as written: it is normalised here). */
    public static boolean match(String content) {
        return PrefilteredPattern.anyFinds(PATTERNS, normalize(content));
    }
}
