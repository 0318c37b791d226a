"""The error bodies the local provider server answers with, transcribed from the providers'
public documentation of their error formats:
https://docs.anthropic.com/en/api/errors, https://platform.openai.com/docs/guides/error-codes,
https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html.

Each row names its trigger (the kind of failure) and the category its intent gives it.
"""

from __future__ import annotations

from datamorph.monitor.taxonomy import Category

C = Category
A_RATE = (
    "Number of request tokens has exceeded your per-minute rate limit "
    "(https://docs.anthropic.com/en/api/rate-limits); see the response headers for current usage. "
    "Please reduce the prompt length or the maximum tokens requested, or try again later. You may "
    "also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a "
    "rate limit increase."
)

# (trigger, status, error type, message, category); bodies as https://docs.anthropic.com/en/api/errors
ANTHROPIC: list[tuple[str, int, str, str, Category]] = [
    ("invalid_api_key", 401, "authentication_error", "invalid x-api-key", C.AUTHENTICATION_FAILURE),
    (
        "missing_api_key",
        401,
        "authentication_error",
        "x-api-key header is required",
        C.AUTHENTICATION_FAILURE,
    ),
    (
        "permission_error",
        403,
        "permission_error",
        "Your API key does not have permission to use the specified resource.",
        C.PERMISSION_DENIED,
    ),
    (
        "unknown_model",
        404,
        "not_found_error",
        "model: claude-sonnet-4-6-20250101",
        C.CONFIGURATION_ERROR,
    ),
    ("unknown_model", 404, "not_found_error", "model: claude-3-opus-latest", C.CONFIGURATION_ERROR),
    ("token_rate_limit", 429, "rate_limit_error", A_RATE, C.QUOTA_EXCEEDED),
    (
        "request_rate_limit",
        429,
        "rate_limit_error",
        "This request would exceed the rate limit for your organization "
        "(8f3c2a1e-5b7d-4c9a-9e2f-1a2b3c4d5e6f) of 50 requests per minute. For details, refer "
        "to: https://docs.anthropic.com/en/api/rate-limits.",
        C.QUOTA_EXCEEDED,
    ),
    (
        "credit_balance_low",
        400,
        "invalid_request_error",
        "Your credit balance is too low to access the Anthropic API. Please go to Plans & "
        "Billing to upgrade or purchase credits.",
        C.QUOTA_EXCEEDED,
    ),
    ("overloaded", 529, "overloaded_error", "Overloaded", C.QUOTA_EXCEEDED),
    ("missing_field", 400, "invalid_request_error", "max_tokens: Field required", C.CODE_DEFECT),
    (
        "roles_alternate",
        400,
        "invalid_request_error",
        'messages: roles must alternate between "user" and "assistant", but found multiple '
        '"user" roles in a row',
        C.CODE_DEFECT,
    ),
    (
        "prompt_too_long",
        400,
        "invalid_request_error",
        "prompt is too long: 215439 tokens > 200000 maximum",
        C.RESOURCE_EXHAUSTION,
    ),
    (
        "request_too_large",
        413,
        "request_too_large",
        "Request exceeds the maximum allowed number of bytes.",
        C.RESOURCE_EXHAUSTION,
    ),
    ("internal_error", 500, "api_error", "Internal server error", C.UNKNOWN),
]

# (trigger, status, type, code, message, category); https://platform.openai.com/docs/guides/error-codes
OPENAI: list[tuple[str, int, str, str | None, str, Category]] = [
    (
        "invalid_api_key",
        401,
        "invalid_request_error",
        "invalid_api_key",
        "Incorrect API key provided: sk-proj-****************************Xq7T. You can find "
        "your API key at https://platform.openai.com/account/api-keys.",
        C.AUTHENTICATION_FAILURE,
    ),
    (
        "unsupported_region",
        403,
        "invalid_request_error",
        "unsupported_country_region_territory",
        "Country, region, or territory not supported",
        C.PERMISSION_DENIED,
    ),
    (
        "unknown_model",
        404,
        "invalid_request_error",
        "model_not_found",
        "The model `gpt-5-turbo` does not exist or you do not have access to it.",
        C.CONFIGURATION_ERROR,
    ),
    (
        "token_rate_limit",
        429,
        "tokens",
        "rate_limit_exceeded",
        "Rate limit reached for gpt-4o in organization org-3kYpQ2ZrW8dVtX on tokens per min "
        "(TPM): Limit 30000, Used 29125, Requested 1840. Please try again in 1.93s. Visit "
        "https://platform.openai.com/account/rate-limits to learn more.",
        C.QUOTA_EXCEEDED,
    ),
    (
        "request_rate_limit",
        429,
        "requests",
        "rate_limit_exceeded",
        "Rate limit reached for gpt-4o-mini in organization org-3kYpQ2ZrW8dVtX on requests per "
        "min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms. Visit "
        "https://platform.openai.com/account/rate-limits to learn more.",
        C.QUOTA_EXCEEDED,
    ),
    (
        "insufficient_quota",
        429,
        "insufficient_quota",
        "insufficient_quota",
        "You exceeded your current quota, please check your plan and billing details. For more "
        "information on this error, read the docs: "
        "https://platform.openai.com/docs/guides/error-codes/api-errors.",
        C.QUOTA_EXCEEDED,
    ),
    (
        "overloaded",
        503,
        "server_error",
        None,
        "The engine is currently overloaded, please try again later.",
        C.QUOTA_EXCEEDED,
    ),
    (
        "context_length_exceeded",
        400,
        "invalid_request_error",
        "context_length_exceeded",
        "This model's maximum context length is 128000 tokens. However, your messages resulted "
        "in 131072 tokens. Please reduce the length of the messages.",
        C.RESOURCE_EXHAUSTION,
    ),
    (
        "unsupported_parameter",
        400,
        "invalid_request_error",
        "unsupported_parameter",
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use "
        "'max_completion_tokens' instead.",
        C.CODE_DEFECT,
    ),
    (
        "invalid_type",
        400,
        "invalid_request_error",
        "invalid_type",
        "Invalid type for 'messages[0].content': expected one of a string or array of objects, "
        "but got an integer instead.",
        C.CODE_DEFECT,
    ),
    (
        "internal_error",
        500,
        "server_error",
        None,
        "The server had an error while processing your request. Sorry about that!",
        C.UNKNOWN,
    ),
]

# (trigger, status, x-amzn-ErrorType, message, category); Bedrock runtime InvokeModel errors.
BEDROCK: list[tuple[str, int, str, str, Category]] = [
    (
        "ThrottlingException",
        429,
        "ThrottlingException",
        "Too many requests, please wait before trying again.",
        C.QUOTA_EXCEEDED,
    ),
    (
        "ServiceQuotaExceededException",
        400,
        "ServiceQuotaExceededException",
        "Your request exceeds the service quota for your account. You can view your quotas at "
        "https://docs.aws.amazon.com/servicequotas/latest/userguide/gs-request-quota.html.",
        C.QUOTA_EXCEEDED,
    ),
    (
        "AccessDeniedException",
        403,
        "AccessDeniedException",
        "You don't have access to the model with the specified model ID.",
        C.PERMISSION_DENIED,
    ),
    (
        "UnrecognizedClientException",
        403,
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
        C.AUTHENTICATION_FAILURE,
    ),
    (
        "ExpiredTokenException",
        403,
        "ExpiredTokenException",
        "The security token included in the request is expired",
        C.AUTHENTICATION_FAILURE,
    ),
    (
        "ValidationException",
        400,
        "ValidationException",
        "The provided model identifier is invalid.",
        C.CONFIGURATION_ERROR,
    ),
    (
        "ModelTimeoutException",
        408,
        "ModelTimeoutException",
        "Model has timed out in processing the request. Try your request again.",
        C.NETWORK_TIMEOUT,
    ),
    (
        "ServiceUnavailableException",
        503,
        "ServiceUnavailableException",
        "Bedrock is unable to process your request.",
        C.NETWORK_TIMEOUT,
    ),
]
