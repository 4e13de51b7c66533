-- One database per service (ARCHITECTURE.md: database per service). Services also create their
-- own database on start when missing; this makes the first `docker compose up` deterministic.
CREATE DATABASE homi_identity;
CREATE DATABASE homi_tenant_data;
CREATE DATABASE homi_billing_integration;
CREATE DATABASE homi_privacy;
CREATE DATABASE homi_helpdesk;
CREATE DATABASE keycloak;
