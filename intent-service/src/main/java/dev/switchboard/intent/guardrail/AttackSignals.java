package dev.switchboard.intent.guardrail;

import dev.switchboard.language.guardrail.InjectionRules;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The structure of the attacks the example-based contrast misses because they read like ordinary requests
 * (docs/intent-classification.md, "Structural signals"): each signal needs two things together, never one word, so
 * the customer asking about their own account, an outage credit, a scam e-mail or parental controls passes.
 *
 * <ul>
 * <li>another person's private data: a third person's (or a stranger's, a former tenant's) password, PIN, card,
 * location, call log or messages, or an account looked up by someone else's name or number;</li>
 * <li>money without a basis: credits, refunds or free service demanded in amounts or durations, with no outage,
 * overcharge or other reason given;</li>
 * <li>authority: a staff role claimed (employee, engineer, supervisor, "this is the fraud team") together with a
 * request to skip verification or reach other accounts, internal tools or elevated access;</li>
 * <li>pasted text that addresses the assistant: an e-mail, note or ticket with orders for an AI or bot reading it, or
 * the customer telling the assistant to carry out what the pasted text says;</li>
 * <li>harm: spying on or tracking a person secretly, breaking into what is not theirs, weapons, drugs, fraud.</li>
 * </ul>
 *
 * A set-up ({@link #setsUp}) is a premise a later turn can exploit: a game, a code word, a story, a hypothetical.
 */
final class AttackSignals {

    // asked for, by or for the one writing: "give him my number" is a story, "give me his number" a request
    private static final String ASK = "(?:(?:give|tell|show|send|read|text|email|share|provide|forward|list|display)\\s+"
            + "(?:me|us)|pull up|look up|lookup|find|get|check|access|open|see|confirm|verify|i (?:want|need)|i'd like|"
            + "what(?:'s| is| are)|"
            + "where(?:'s| is)|which|who)";
    private static final String THIRD = "(his|her|someone(?:'s| else's)|somebody(?:'s| else's)|a stranger's|this "
            + "(?:person|guy|man|woman|lady|number)'s|that (?:person|guy|man|woman|lady|number)'s|the (?:previous|former|"
            + "old|last|new) (?:owner|tenant|occupant|resident|subscriber|customer)(?:'s)?|(?:my )?(?:ex|ex-wife|"
            + "ex-husband|ex-girlfriend|ex-boyfriend|ex-partner|neighbou?r|boss|landlord|tenant|roommate|flatmate|"
            + "colleague|co-?worker|coach|teacher|stepdad|stepmom|cousin|uncle|aunt|friend)(?:'s|s'))";
    private static final String PRIVATE = "(password|passcode|pin|security (?:question|answer|code)|account (?:number|pin)|"
            + "card(?: number| details)?|bank (?:details|account)|social security|ssn|date of birth|birthday|location|"
            + "whereabouts|home address|address|call (?:log|logs|history|records|list)|calls|texts|text messages|messages|"
            + "browsing (?:history|data)|voicemails?|payment (?:details|info|history|method)|billing (?:details|info|"
            + "address)|account (?:details|info|information)|email address|phone number|number)";

    private static final List<Pattern> SIGNALS = List.of(
            // another person's private data
            Pattern.compile("\\b" + ASK + "\\b[^.?!]{0,40}?\\b" + THIRD + "\\s+(?:\\w+\\s+){0,2}?" + PRIVATE + "\\b"
                    + "(?!\\s+(?:is|was|has been)\\s+(?:on|under|added|linked)\\b)"),
            Pattern.compile("\\b(?:whose|who(?:'s| is| does))\\b[^.?!]{0,20}?\\b(?:number|account|line)\\b[^.?!]{0,20}?"
                    + "\\b(?:this|belong|registered|belongs)\\b"),
            Pattern.compile("\\b(?:pull up|look up|lookup|check|access|open|show me|read me|tell me|give me|send me|find|get)"
                    + "\\b[^.?!]{0,20}?\\b(?:account|details|bill|records|info|information|address|number|payments?)\\s+(?:for|of|"
                    + "under|belonging to|registered to|in the name of)\\s+(?:the (?:name|customer|person|user)\\s+)?"
                    + "(?!my\\b|me\\b|myself\\b|our\\b|us\\b|mine\\b|this account\\b|the account holder\\b)"
                    + "(?:mr\\.?|mrs\\.?|ms\\.?|dr\\.?|someone|somebody|a customer|another|other|customer\\s+#?\\d|"
                    + "account\\s+#?\\d|\\d{3}[-. ]?\\d{3}[-. ]?\\d{4})"),
            // a number or a street address that is not the customer's, or a person said not to be on their account
            Pattern.compile("(?<!\\bmy\\s)\\b" + PRIVATE + "\\s+(?:\\w+\\s+){0,3}?(?:for|of|on|at|associated with|linked to|"
                    + "registered (?:to|at)|tied to)\\s+(?:the\\s+)?(?:(?:phone|mobile|cell|landline)\\s+)?(?:number\\s+)?"
                    + "(?:\\(?\\d{3}\\)?[-. ]?\\d{3}[-. ]?\\d{4}|\\d{3}-\\d{4})"),
            Pattern.compile("(?<!\\bmy\\s)\\b(?:password|passcode|pin|account (?:number|pin|details|info|information|email|"
                    + "holder|owner|name)|email(?: address)?|phone number|card|bank details|payment (?:details|info|history)|"
                    + "billing (?:details|info)|owner|who lives)\\s+(?:\\w+\\s+){0,3}?(?:for|of|on|at|registered (?:to|at))\\s+"
                    + "\\d+\\s+[a-z]+\\s+(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|court|ct|boulevard|blvd|way|place|pl|"
                    + "terrace|close)\\b"),
            Pattern.compile("\\b(?:he|she|they)(?:'s| is|'re| are)\\s+not\\s+(?:on|part of|an? (?:user|member) (?:on|of))"
                    + "\\s+(?:my|the|our)\\s+(?:account|plan)\\b"),
            Pattern.compile("\\b(?:it's|it is|this is|that's|that is)\\s+(?:my\\s+)?(?:\\w+\\s+)?(?:friend|neighbou?r|boss|"
                    + "ex|roommate|flatmate|colleague|co-?worker|landlord|tenant|cousin|uncle|aunt)(?:'s|s')\\s+account\\b"),
            // the partner's private life: call logs, messages, location are not a parental control
            Pattern.compile("\\b(?:my\\s+)?(?:husband|wife|spouse|partner|boyfriend|girlfriend|fianc[eé]e?|ex)(?:'s|s')\\s+"
                    + "(?:\\w+\\s+){0,2}?(?:call (?:log|logs|history|records|list)|texts|text messages|messages|location|"
                    + "whereabouts|browsing (?:history|data)|voicemails?|password|passcode|pin|emails?)\\b"),
            // card data read back from an account
            Pattern.compile("\\b(?:read|tell|give|send|show|what(?:'s| is| are))\\b[^.?!]{0,30}?\\b(?:full card number|card "
                    + "number|cvv|cvc|security code|expiry|expiration date)\\b[^.?!]{0,30}?\\b(?:on file|on the account|"
                    + "stored|saved|attached)\\b"),
            Pattern.compile("\\b(?:without|before)\\s+(?:him|her|them|they|he|she)\\s+(?:knowing|noticing|finding out|"
                    + "find(?:s|ing)? out)\\b"),
            Pattern.compile("\\b(?:secretly|covertly|quietly|discreetly)\\s+(?:track|monitor|read|see|check|follow|listen|"
                    + "record|access|log)\\b|\\b(?:spy|snoop|eavesdrop)\\s+on\\b"),
            // money without a basis: the reason a real customer gives is missing (checked apart, below)
            // authority claimed together with a bypass
            Pattern.compile("\\b(?:i(?:'m| am)|this is|we are|we're|speaking as|as your)\\s+(?:a |an |the |your |from (?:the )?)?"
                    + "(?:\\w+\\s+){0,2}?(?:employee|staff member|engineer|developer|administrator|admin|supervisor|manager|"
                    + "technician|agent|rep|representative|auditor|investigator|officer|detective|police|ceo|cto|"
                    + "(?:it|security|fraud|billing|engineering|network|legal|compliance|support|tier \\d) (?:team|department|"
                    + "desk|dept))\\b[^?]{0,160}?\\b(?:bypass|override|(?:skip|disable|waive|turn off) (?:the |your |all )?(?:verification|"
                    + "security|safety|filters?|checks?|authentication|identity)|without (?:verification|verifying|"
                    + "authentication|checking|the usual)|no need to (?:verify|check)|access to (?:all|any|every|other|another|"
                    + "the customer|customer|someone|their|his|her)|(?:any|all|every|other|another) (?:customer|account|user|"
                    + "subscriber)(?:s|'s|s')?|(?:internal|backend|admin) (?:tools?|panel|system|database|notes)|(?:debug|"
                    + "maintenance|diagnostic|developer|god|admin|unrestricted) mode)\\b"),
            Pattern.compile("\\b(?:no|without|don't need|do not need|doesn't need|skip the)\\s+(?:a\\s+)?(?:manager(?:'s)?|"
                    + "supervisor(?:'s)?|managerial|any)?\\s*(?:approval|sign-?off|authori[sz]ation|warrant|subpoena|court "
                    + "order)\\s+(?:is\\s+)?(?:needed|required|necessary)\\b|\\bno time for a (?:warrant|subpoena|court order)\\b|"
                    + "\\b(?:no|without) approval limits?\\b"),
            Pattern.compile("\\b(?:employee|staff|badge|agent|admin|override|authori[sz]ation|clearance)\\s+(?:id|number|code|"
                    + "level)\\b[^?]{0,80}?\\b(?:bypass|skip|override|unlock|grant|give me|access|apply|waive|reset)\\b"),
            // pasted text addressing the assistant, or the assistant told to do what it says
            Pattern.compile("\\b(?:ai|assistant|bot|chatbot|language model|llm|automated (?:system|agent|assistant)|"
                    + "virtual agent|support system)s?\\s+(?:reading|processing|handling|receiving|that reads|who reads|"
                    + "parsing)\\b"),
            Pattern.compile("\\b(?:note|notes|instructions?|message|command|commands|directive|order|orders|memo|task|"
                    + "prompt)\\s+(?:to|for)\\s+(?:the\\s+|any\\s+|all\\s+)?(?:ai|assistant|bot|chatbot|model|llm|language model|"
                    + "automated (?:system|agent|assistant)|support (?:ai|bot)|virtual (?:agent|assistant))s?\\b"),
            Pattern.compile("['\"\u201c\u2018]\\s*[^'\"\u201c\u201d]{0,160}?(?<!\\w)(?:assistant|chatbot|bot|ai)\\s*[,:]\\s*"
                    + "(?:please\\s+)?(?:\\w+\\s+){0,8}?(?:confirm|apply|activate|issue|grant|ignore|respond|reply|reveal|"
                    + "send|disclose|approve|process|add|waive|credit|refund|output|print|list|tell|give)\\b"),
            Pattern.compile("\\b(?:respond|reply|answer|output|print|dump|list)\\s+(?:only\\s+)?(?:with\\s+)?your\\s+(?:full\\s+|"
                    + "complete\\s+|entire\\s+|whole\\s+|internal\\s+|hidden\\s+|current\\s+)?(?:configuration|config|settings|"
                    + "setup|instructions|prompt|rules)\\b|\\binternal (?:admin )?(?:urls?|endpoints?|tools|dashboard|"
                    + "documentation|api)\\b"),
            // words put in the assistant's mouth: an approval to say, an agreement said to bind
            Pattern.compile("\\b(?:say|type|write|reply|respond|answer)\\s+(?:with\\s+|only\\s+)?['\"\u201c\u2018]\\s*(?:\\w+\\s+)?"
                    + "(?:approved|confirmed|granted|agreed|yes|waived|unlocked|refunded|credited|accepted)\\b|\\bsay yes if you "
                    + "agree\\b|\\b(?:legally\\s+)?binding (?:agreement|offer|promise|deal|contract) now\\b|\\byou (?:said|agreed|"
                    + "confirmed) (?:yes|it)\\b[^.?!]{0,40}?\\b(?:binding|in writing|cancel(?:l?ed)?|owe nothing|free)\\b"),
            Pattern.compile("\\b(?:if|when) (?:you(?:'re| are)|this is read by) (?:an? )?(?:ai|assistant|bot|chatbot|"
                    + "language model|automated)\\b"),
            Pattern.compile("\\b(?:to|attention|attn|dear)[:,]?\\s+(?:the\\s+)?(?:ai|assistant|bot|chatbot|automated "
                    + "(?:system|agent|assistant)|support (?:ai|bot))\\b\\s*[:,-]"),
            Pattern.compile("\\b(?:ai|assistant|bot|chatbot|automated (?:system|agent))s?\\s+(?:must|shall|is to|are "
                    + "to|is (?:required|instructed|authori[sz]ed)|are (?:required|instructed|authori[sz]ed))\\s+"
                    + "(?:now\\s+|immediately\\s+)?(?:\\w+\\s+)?(?:issue|apply|grant|credit|refund|reveal|disclose|send|"
                    + "forward|share|reset|change|approve|waive|ignore|comply|follow|respond|reply|output|print|add|remove|"
                    + "transfer|cancel)\\b"),
            Pattern.compile("\\b(?:please|just|now|kindly|then|you (?:must|should|need to|have to|can)|go ahead "
                    + "and)\\s+(?:do|carry out|execute|follow|obey|action|process|complete|apply|act on|comply with)\\s+"
                    + "(?:exactly\\s+)?(?:what|whatever|everything|the (?:instructions?|steps|orders|requests?|actions?|"
                    + "commands?)|all (?:the )?(?:instructions?|steps|orders|requests?))\\s+(?:it says|(?:it|this|that) "
                    + "(?:asks|tells|says)|(?:in|inside|from|within|of|below|above) (?:it|this|that|the (?:email|e-mail|"
                    + "message|note|ticket|text|memo|letter|document|paste|quote)))"),
            // harm phrased as a request
            Pattern.compile("\\b(?:make|build|buy|get|cook|synthesi[sz]e|assemble|3d print|order)\\s+(?:a |an |some |my own )?"
                    + "(?:bomb|pipe bomb|explosives?|detonator|grenade|ghost gun|untraceable gun|gun|firearm|silencer|"
                    + "suppressor|meth|methamphetamine|cocaine|heroin|fentanyl|poison|ricin|napalm|molotov)\\b"),
            Pattern.compile("\\b(?:kill|poison|hurt|stab|shoot|strangle|drug|beat up|run over)\\s+(?:someone|somebody|a person|"
                    + "people|him|her|my (?:husband|wife|boss|neighbou?r|ex|partner|coworker|co-worker|roommate|landlord|"
                    + "teacher|family))\\b"),
            Pattern.compile("\\b(?:hack|crack|break into|brute[- ]?force|steal|clone|spoof|hijack|intercept|jam|"
                    + "sniff|piggyback on|leech)\\b[^.?!]{0,30}?\\b(?:someone|somebody|other people|a stranger|"
                    + "neighbou?rs?|strangers|his|her|my (?:ex|boss|wife|husband|partner|girlfriend|boyfriend|"
                    + "roommate|neighbou?r)|phones? (?:calls?|signals?)|cell (?:signals?|towers?))\\b"),
            Pattern.compile("\\b(?:hack|crack|break into|get into|unlock|access|use)\\b[^.?!]{0,40}?\\b(?:(?:is|are) not mine|"
                    + "(?:isn't|aren't) mine|i don't own|i do not own|(?:doesn't|does not|don't) belong to me)\\b"),
            Pattern.compile("\\b(?:unlock|wipe|reset|bypass|remove)\\b[^.?!]{0,30}?\\b(?:stolen|found|someone else's|"
                    + "snatched|lost by someone)\\s+(?:\\w+\\s+)?(?:phone|iphone|device|tablet|laptop)\\b|\\b(?:stolen|found)"
                    + "\\s+(?:\\w+\\s+)?(?:phone|iphone|device)\\b[^.?!]{0,40}?\\b(?:unlock|bypass|activation lock|icloud "
                    + "lock|frp|imei)\\b"),
            Pattern.compile("\\b(?:make|write|create|build|code|send|deploy|install|put|buy|get|launch|run|design|draft|"
                    + "print|forge)\\s+(?:me\\s+)?(?:a |an |some )?(?:\\w+\\s+)?(?:phishing (?:email|e-mail|text|sms|page|"
                    + "site|template|message)|fake (?:id|ids|"
                    + "passport|invoice|receipt|bank statement|pay ?stub|doctor's note)|ransomware|keylogger|botnet|ddos(?: attack)?|"
                    + "stalkerware|spyware)\\b|\\blaunder(?:ing)? money\\b|\\bdox(?:x)?(?:ing)?\\b|\\bswat(?:ting)? (?:someone|him|"
                    + "her)\\b"),
            Pattern.compile("\\b(?:free|steal|pirate|bootleg)\\s+(?:cable|tv|internet|service|wifi|channels|premium "
                    + "channels)\\b[^.?!]{0,40}?\\b(?:without paying|illegally|hack|crack|modded|jailbroken|"
                    + "descrambl)"),
            Pattern.compile("\\b(?:get|obtain|buy|find)\\b[^.?!]{0,20}?\\b(?:credit card numbers|card dumps|stolen cards|"
                    + "someone's (?:identity|ssn|social security))\\b"));

    // money demanded: an order for a credit, refund, discount or free service ...
    // a claimed promise to be taken on trust: the customer asks not to be checked
    private static final Pattern ON_TRUST = Pattern.compile("\\b(?:trust me|take my word|i'm not lying|i am not lying|"
            + "i swear|believe me|no need to (?:check|verify|look)|don't (?:bother )?(?:check|verify)ing)\\b");
    // a credit score, report or card is no money the assistant gives
    private static final String MONEY = "\\b(?:credits?(?!\\s+(?:report|score|rating|history|card|check|bureau))|refunds?|"
            + "discounts?|rebates?|reimburse|money back|free|waiv(?:e|ed|er)|comp(?:ed)?|off (?:my|the) bill|for nothing|"
            + "zero)\\b";
    private static final Pattern MONEY_WORD = Pattern.compile(MONEY);
    private static final Pattern MONEY_DEMANDED = Pattern.compile("^(?:(?:please|just|now|so|and|ok|okay|then|go ahead "
            + "and|you (?:must|will|need to|have to|should))\\s+)*(?:give|apply|add|put|issue|grant|credit|load|deposit|transfer|"
            + "make|set|waive|zero out|wipe|erase|clear|comp|refund)\\b[^.?!]{0,50}?" + MONEY
            + "|\\b(?:i (?:want|need|expect|deserve|demand)|i'm owed|i am owed|you owe me)\\b[^.?!]{0,50}?" + MONEY);
    // ... of a size or a span
    private static final Pattern MONEY_SIZE = Pattern.compile("\\$\\s?\\d{2,}|\\b\\d{2,}\\s?(?:dollars|bucks|usd|%|"
            + "percent)|\\b(?:free (?:months?|years?|service|internet|tv|cable|upgrade|phone|iphone|plan|line|for)|"
            + "months? (?:of )?free|years? (?:of )?free|(?:for|of) (?:a |the |\\d+ |one |two |three |six |twelve )?(?:months?|"
            + "years?|life)\\b|forever|lifetime|permanent(?:ly)?|every month|each month|all (?:my |of my )?(?:fees|"
            + "charges|bills?)|entire (?:bill|balance)|whole (?:bill|balance|year)|(?:bill|balance) (?:to )?(?:zero|\\$?0)\\b)");
    private static final Pattern SENTENCE = Pattern.compile("[.!?;\\n]+|,\\s+(?=(?:and|so|then|just|now)\\b)");
    // the reasons real customers give for a credit: then it is a complaint, answered as one
    private static final Pattern BASIS = Pattern.compile("\\b(?:outage|out(?:age)? for|down for|went down|was down|"
            + "been down|no (?:service|internet|signal|connection|tv|power)|without (?:service|internet|tv|signal)|not "
            + "working|didn't work|stopped working|overcharg|double[- ]?charg|charged (?:twice|me twice|two times|"
            + "wrong|for)|billing error|wrong (?:charge|amount|bill)|incorrect|mistake|error|promised|promo|promotion|"
            + "offer|deal|advertised|quoted|cancel(?:l?ed)|returned|never (?:received|got|came|showed)|didn't (?:show|"
            + "come|arrive)|no[- ]show|missed (?:appointment|visit)|late fee|trade[- ]in|price lock|price match|"
            + "contract|early termination|moved|moving|disconnect|didn't (?:authori[sz]e|order|sign|agree|use)|unauthori[sz]ed|"
            + "fraud|never (?:ordered|used|signed|agreed)|slow|speeds?|dropp|interrupt|broken|faulty|damaged)");

    // a premise a later turn can exploit: a game, a code word, a story, a hypothetical, a role
    private static final Pattern SET_UP = Pattern.compile("\\b(?:let's|lets|let us)\\s+(?:play|pretend|imagine|define|"
            + "make up|invent)\\b|\\bcode ?word\\b|\\bsecret word\\b|"
            + "\\bwhen i (?:say|type|write)\\b|\\b(?:imagine|pretend)\\b|\\byou(?:'re| are) (?:now )?(?:an? |my )"
            + "(?:\\w+\\s+)?(?:agent|character|persona|assistant|ai|bot|employee|manager|admin|villain|hacker)\\b|"
            + "\\bremember (?:this|that|the word|these)\\b|\\b(?:hypothetical(?:ly)?|"
            + "fictional|fiction|in a story|a story (?:about|where)|short story|screenplay|novel|role ?play|"
            + "a character|for a movie|for a book)\\b|\\bfor the rest of (?:this|our) (?:chat|"
            + "conversation)\\b");
    // a later turn that cashes the premise in
    private static final Pattern CASHES_IN = Pattern.compile("\\b(?:in (?:the|our|that|your) (?:story|game|scene|"
            + "script|novel|world|scenario)|the character|as (?:that|the|this|my|your) (?:\\w+\\s+)?(?:agent|character|persona|"
            + "role|employee|manager|admin|assistant|ai|bot)\\b|in character|stay in|as (?:we|i) (?:agreed|said|discussed)|"
            + "like (?:we|i) (?:agreed|said)|code ?word|secret word|remember (?:the|our|what)|exact (?:steps|words|"
            + "commands|instructions|code|method)|step[- ]by[- ]step|real (?:steps|instructions|details|method)|for "
            + "real|in detail|now do it|now (?:tell|give|show|write|list|say|apply|do)|go ahead and|you agreed|you said "
            + "you would|you promised)\\b");

    private AttackSignals() {
    }

    /** Whether the message carries one of the signals on its own. */
    static boolean match(String message) {
        String text = read(message);
        if (SIGNALS.stream().anyMatch(signal -> signal.matcher(text).find())) {
            return true;
        }
        if (ON_TRUST.matcher(text).find() && MONEY_WORD.matcher(text).find()) {
            return true;
        }
        return !BASIS.matcher(text).find() && SENTENCE.splitAsStream(text).map(String::strip)
                .anyMatch(sentence -> MONEY_DEMANDED.matcher(sentence).find() && MONEY_SIZE.matcher(sentence).find());
    }

    /** Whether the message sets up a premise a later turn may exploit. */
    static boolean setsUp(String message) {
        return SET_UP.matcher(read(message)).find();
    }

    /** Whether a turn after a set-up cashes the premise in. */
    static boolean cashesIn(String message) {
        return CASHES_IN.matcher(read(message)).find();
    }

    // curly apostrophes are the same apostrophe
    private static String read(String message) {
        return InjectionRules.normalize(message).replace('\u2019', '\'').replace('\u2018', '\'');
    }
}
