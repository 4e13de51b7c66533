import { privacyApi } from '@homi/contracts';

export const { MAX_CORRECTIONS } = privacyApi;
export const CreateRequest = privacyApi.CreatePrivacyRequest;
export const ExtendRequest = privacyApi.ExtendPrivacyRequest;
export const ListQuery = privacyApi.ListPrivacyRequestsQuery;

export const OWNER_NAME = /^[a-z][a-z0-9-]{1,40}$/;
