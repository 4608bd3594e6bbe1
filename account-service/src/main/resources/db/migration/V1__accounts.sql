-- The account domain of tau2-bench telecom (main_policy.md "Domain Basics"), home-internet outages and technician
-- appointments (ours), and what account-service decides: verifications, quotes awaiting confirmation, the audit of
-- every action, the idempotency keys of writes and the outbox of account.actions.

create table plans (
    plan_id                     text primary key,
    name                        text           not null,
    data_limit_gb               numeric(10, 2) not null,
    price_per_month             numeric(10, 2) not null,
    data_refueling_price_per_gb numeric(10, 2) not null
);

create table devices (
    device_id               text primary key,
    device_type             text    not null,
    model                   text    not null,
    imei                    text,
    is_esim_capable         boolean not null,
    activated               boolean not null,
    activation_date         timestamp,
    last_esim_transfer_date timestamp
);

create table customers (
    customer_id                    text primary key,
    full_name                      text           not null,
    date_of_birth                  date           not null,
    email                          text           not null,
    phone_number                   text           not null,
    street                         text           not null,
    city                           text           not null,
    state                          text           not null,
    zip_code                       text           not null,
    account_status                 text           not null,
    created_at                     timestamp      not null,
    last_extension_date            date,
    goodwill_credit_used_this_year numeric(10, 2) not null
);
create index customers_phone on customers (phone_number);
create index customers_name on customers (lower(full_name), date_of_birth);

-- who signs in as which customer: the token's subject (the gateway's user id)
create table customer_subjects (
    subject     text primary key,
    customer_id text not null references customers
);

create table payment_methods (
    id                     bigserial primary key,
    customer_id            text not null references customers,
    method_type            text not null,
    account_number_last_4  text not null,
    expiration_date        text not null
);

create table lines (
    line_id                   text primary key,
    customer_id               text           not null references customers,
    phone_number              text           not null unique,
    status                    text           not null,
    plan_id                   text           not null references plans,
    device_id                 text references devices,
    data_used_gb              numeric(10, 2) not null,
    data_refueling_gb         numeric(10, 2) not null,
    roaming_enabled           boolean        not null,
    contract_end_date         date,
    last_plan_change_date     date,
    last_sim_replacement_date date,
    suspension_start_date     date
);
create index lines_customer on lines (customer_id);

create table bills (
    bill_id      text primary key,
    customer_id  text           not null references customers,
    period_start date           not null,
    period_end   date           not null,
    issue_date   date           not null,
    total_due    numeric(10, 2) not null,
    due_date     date           not null,
    status       text           not null
);
create index bills_customer on bills (customer_id, issue_date desc);

create table bill_line_items (
    bill_id     text           not null references bills,
    position    int            not null,
    description text           not null,
    amount      numeric(10, 2) not null,
    item_date   date           not null,
    item_type   text           not null,
    primary key (bill_id, position)
);

create table payment_requests (
    id                    bigserial primary key,
    customer_id           text           not null references customers,
    bill_id               text           not null references bills,
    amount                numeric(10, 2) not null,
    status                text           not null, -- pending or paid
    requested_at          timestamptz    not null,
    paid_at               timestamptz,
    paid_with_last_4      text
);

create table area_outages (
    id           bigserial primary key,
    zip_code     text        not null,
    service      text        not null,
    started_at   timestamptz not null,
    expected_end timestamptz,
    description  text        not null
);
create index area_outages_zip on area_outages (zip_code);

create table technician_appointments (
    id          uuid primary key,
    customer_id text        not null references customers,
    starts_at   timestamptz not null,
    reason      text        not null,
    status      text        not null, -- booked
    booked_by   text        not null,
    booked_at   timestamptz not null
);
create index technician_appointments_customer on technician_appointments (customer_id, starts_at);

-- a staff member identified a customer (by phone, customer id, or name and date of birth): until it expires, that
-- staff member may see and act on that customer's account
create table verifications (
    id          uuid primary key,
    actor       text        not null,
    customer_id text        not null references customers,
    method      text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null
);

-- a price quoted for a write; the write is applied only with this token, by the same actor, for the same thing
create table confirmations (
    token       uuid primary key,
    actor       text           not null,
    customer_id text           not null references customers,
    action      text           not null,
    target      text           not null,
    terms       text           not null, -- what was quoted besides the price (amount, reason, slot ...)
    price       numeric(10, 2) not null,
    created_at  timestamptz    not null,
    expires_at  timestamptz    not null,
    used_at     timestamptz
);

-- every action decided on, allowed or refused
create table account_actions (
    id          uuid primary key,
    at          timestamptz not null,
    actor       text        not null,
    actor_role  text        not null,
    customer_id text,
    action      text        not null,
    target      text,
    outcome     text        not null,
    rule        text        not null,
    detail      text,
    request_id  text,
    price       numeric(10, 2)
);
create index account_actions_customer on account_actions (customer_id, at desc);

-- the writes applied, by the client's request id: the same request again gets the same result and changes nothing.
-- A write claims its id first (action_id and result still null), so a second transaction with it waits for the first;
-- the claim is kept only when the write is applied.
create table applied_requests (
    actor      text not null,
    request_id text not null,
    action_id  uuid references account_actions,
    result     text,
    primary key (actor, request_id)
);

-- account.actions events still to publish, written in the transaction of their audit row
create table outbox (
    id        bigserial primary key,
    action_id uuid not null unique references account_actions
);
