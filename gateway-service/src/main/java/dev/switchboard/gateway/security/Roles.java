package dev.switchboard.gateway.security;

import dev.switchboard.platform.security.InternalIdentity;
import dev.switchboard.platform.web.Caller;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** The roles of the system and where a token carries them. */
public final class Roles {

    public static final String CUSTOMER = Caller.CUSTOMER;
    public static final String AGENT = Caller.AGENT;
    public static final String ADMIN = Caller.ADMIN;
    public static final Set<String> ALL = Set.of(CUSTOMER, AGENT, ADMIN);

    /** The claim with the caller's roles (the same in the internal tokens). */
    static final String CLAIM = InternalIdentity.ROLES;

    private Roles() {
    }

    static List<String> of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(CLAIM);
        return roles == null ? List.of() : roles.stream().filter(ALL::contains).sorted().toList();
    }

    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        return of(jwt).stream().<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
    }
}
