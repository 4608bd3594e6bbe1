-- One PostgreSQL server, one database per service that owns data; no service reads another's database.
CREATE DATABASE chat;
CREATE DATABASE analytics;
CREATE DATABASE feedback;
CREATE DATABASE knowledge;
CREATE DATABASE account;
