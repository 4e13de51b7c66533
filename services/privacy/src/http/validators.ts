import { privacyApi } from '@homi/contracts';

export const { MAX_CORRECTIONS } = privacyApi;
export const CreateRequest = privacyApi.CreatePrivacyRequest;
export const ExtendRequest = privacyApi.ExtendPrivacyRequest;
export const ListQuery = privacyApi.ListPrivacyRequestsQuery;

export const REQUEST_ID = /^dsr_[0-9A-Za-z]{8,40}$/;
export const OWNER_NAME = /^[a-z][a-z0-9-]{1,40}$/;
