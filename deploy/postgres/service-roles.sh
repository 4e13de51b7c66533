#!/bin/sh
# docker-compose.yml's Postgres, first start only (docker-entrypoint-initdb.d): a database per service,
# owned by that service's owner role, which runs its migrations (the <service>-migrate step); the
# service itself runs as a login role that owns nothing and may create nothing (ADR 39). The
# migrate step grants the runtime role its table rights (DATABASE_RUNTIME_ROLE). No role may
# connect to another service's database. Passwords come from .env (see .env.example).
set -eu

# service, owner password, runtime password, row-level-security role of its migrations
service() {
  db="homi_$1"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v db="$db" -v owner="${db}_owner" -v app="$db" -v owner_pw="$2" -v app_pw="$3" -v tenant="$4" <<'SQL'
CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB CREATEROLE NOBYPASSRLS PASSWORD :'owner_pw';
CREATE ROLE :"app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'app_pw';
CREATE ROLE :"tenant" NOLOGIN;
GRANT :"tenant" TO :"owner" WITH ADMIN OPTION;
CREATE DATABASE :"db" OWNER :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
}

service identity "$IDENTITY_DB_OWNER_PASSWORD" "$IDENTITY_DB_PASSWORD" homi_identity_tenant
service tenant_data "$TENANT_DATA_DB_OWNER_PASSWORD" "$TENANT_DATA_DB_PASSWORD" homi_tenant_data_tenant
service billing_integration "$BILLING_DB_OWNER_PASSWORD" "$BILLING_DB_PASSWORD" homi_billing_tenant
service privacy "$PRIVACY_DB_OWNER_PASSWORD" "$PRIVACY_DB_PASSWORD" homi_privacy_tenant
service helpdesk "$HELPDESK_DB_OWNER_PASSWORD" "$HELPDESK_DB_PASSWORD" homi_helpdesk_tenant

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v pw="$KEYCLOAK_DB_PASSWORD" <<'SQL'
CREATE ROLE keycloak LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'pw';
CREATE DATABASE keycloak OWNER keycloak;
REVOKE ALL ON DATABASE keycloak FROM PUBLIC;
SQL
