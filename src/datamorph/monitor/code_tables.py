"""What each native error code means, as taxonomy categories: plain tables, no logic.

A value is either one category (the code is decisive) or weights over a few categories (the
code covers several causes; `codes.lookup` normalises the weights). Every group names the
documentation it follows: the meaning of a code comes from its documentation, never from a
corpus of labelled failures, so the tables stay an independent prior for the other layers.
"""

from __future__ import annotations

from datamorph.monitor.code_tables_base import (
    _BAD_REQUEST,
    _CONFLICT,
    _NOT_FOUND,
    _OVERLOADED,
    _SERVER_FAULT,
    AUTH,
    CONFIG,
    CORRUPT,
    DEFECT,
    DUP,
    LOCKED,
    MISSING,
    NET,
    PERM,
    QUOTA,
    RES,
    SCHEMA,
    UNKNOWN,
    Prior,
    _each,
)
from datamorph.monitor.code_tables_db import (
    DATAMORPH_CHECKS as DATAMORPH_CHECKS,
)
from datamorph.monitor.code_tables_db import (
    DATAMORPH_CODE as DATAMORPH_CODE,
)
from datamorph.monitor.code_tables_db import (
    DATAMORPH_SPEC as DATAMORPH_SPEC,
)
from datamorph.monitor.code_tables_db import (
    DUCKDB as DUCKDB,
)
from datamorph.monitor.code_tables_db import (
    POSTGRES_WORDING as POSTGRES_WORDING,
)
from datamorph.monitor.code_tables_db import (
    SPARK as SPARK,
)
from datamorph.monitor.code_tables_db import (
    SQLITE as SQLITE,
)
from datamorph.monitor.code_tables_db import (
    SQLITE_WORDING as SQLITE_WORDING,
)
from datamorph.monitor.code_tables_db import (  # re-exported: `codes` reads one module
    SQLSTATE as SQLSTATE,
)
from datamorph.monitor.code_tables_db import (
    SQLSTATE_CLASSES as SQLSTATE_CLASSES,
)

# Python exception classes by their bare name: the builtins (docs.python.org, "Built-in
# Exceptions"; builtins not listed fall back along their MRO), the DB-API 2.0 classes (PEP 249)
# and the classes data pipelines meet most: requests/urllib3/httpx, botocore, google-api-core,
# azure-core, the Anthropic and OpenAI SDKs, pandas, pyarrow, pyspark, SQLAlchemy, pydantic.
PYTHON: dict[str, Prior] = {
    **_each("FileNotFoundError ModuleNotFoundError", MISSING),
    **_each("PermissionError PermissionDeniedError PermissionDenied", PERM),
    **_each(
        """TimeoutError ConnectionError ConnectionResetError ConnectionAbortedError
        BrokenPipeError ReadTimeout ConnectTimeout ReadTimeoutError ConnectTimeoutError
        ProtocolError RemoteDisconnected IncompleteRead ChunkedEncodingError ConnectError
        RemoteProtocolError APITimeoutError APIConnectionError ServiceRequestError
        ServiceResponseError DeadlineExceeded ServiceUnavailable GatewayTimeout""",
        NET,
    ),
    **_each("MemoryError ArrowMemoryError", RES),
    **_each("RateLimitError TooManyRequests", QUOTA),
    **_each(
        """AuthenticationError ClientAuthenticationError Unauthenticated Unauthorized
        RefreshError NoCredentialsError PartialCredentialsError CredentialRetrievalError
        TokenRetrievalError UnauthorizedSSOTokenError""",
        AUTH,
    ),
    **_each(
        "ProfileNotFound NoRegionError SSLCertVerificationError InvalidURL MissingSchema", CONFIG
    ),
    **_each("JSONDecodeError BadZipFile BadGzipFile UnpicklingError ParquetDecodingError", CORRUPT),
    **_each(
        """SyntaxError NameError TypeError IndexError ZeroDivisionError ArithmeticError
        AssertionError StopIteration ParamValidationError UnprocessableEntityError
        ParseException""",
        DEFECT,
    ),
    "ConnectionRefusedError": {NET: 0.8, CONFIG: 0.2},
    "NewConnectionError": {NET: 0.8, CONFIG: 0.2},
    "EndpointConnectionError": {NET: 0.7, CONFIG: 0.3},
    "MaxRetryError": {NET: 0.8, QUOTA: 0.2},
    "RetryError": {NET: 0.6, QUOTA: 0.4},
    "PoolTimeout": {RES: 0.5, NET: 0.5},
    "gaierror": {NET: 0.6, CONFIG: 0.4},  # name resolution
    "timeout": NET,  # socket.timeout before Python 3.10
    "SSLError": {CONFIG: 0.5, NET: 0.5},
    "ImportError": {MISSING: 0.7, DEFECT: 0.3},
    "NoSuchModuleError": {MISSING: 0.7, CONFIG: 0.3},  # a SQLAlchemy dialect not installed
    "NoSuchTableError": {SCHEMA: 0.8, MISSING: 0.2},
    "RecursionError": {DEFECT: 0.7, RES: 0.3},
    "AttributeError": {DEFECT: 0.85, SCHEMA: 0.15},
    "KeyError": {SCHEMA: 0.5, DEFECT: 0.4, CONFIG: 0.1},  # a missing column or env variable
    "ValueError": {DEFECT: 0.35, CORRUPT: 0.25, CONFIG: 0.2, SCHEMA: 0.1, UNKNOWN: 0.1},
    "OverflowError": {DEFECT: 0.8, RES: 0.2},
    "NotImplementedError": {DEFECT: 0.7, CONFIG: 0.3},
    "UnicodeError": {CORRUPT: 0.7, CONFIG: 0.3},
    "UnicodeDecodeError": {CORRUPT: 0.85, CONFIG: 0.15},  # or the wrong encoding configured
    "UnicodeEncodeError": {CONFIG: 0.5, CORRUPT: 0.3, DEFECT: 0.2},
    "EOFError": {CORRUPT: 0.6, NET: 0.4},  # a truncated file or stream
    "OSError": {MISSING: 0.2, NET: 0.2, PERM: 0.15, RES: 0.15, CORRUPT: 0.1, UNKNOWN: 0.2},
    "IOError": {MISSING: 0.2, NET: 0.2, PERM: 0.15, RES: 0.15, CORRUPT: 0.1, UNKNOWN: 0.2},
    "IsADirectoryError": {CONFIG: 0.6, DEFECT: 0.4},
    "NotADirectoryError": {CONFIG: 0.5, MISSING: 0.5},
    "FileExistsError": {DEFECT: 0.6, CONFIG: 0.4},
    "BlockingIOError": {LOCKED: 0.6, RES: 0.4},
    "TimeoutExpired": {RES: 0.7, NET: 0.3},  # subprocess: the work ran out of time
    "CalledProcessError": {UNKNOWN: 0.6, DEFECT: 0.4},
    "OperationalError": {NET: 0.3, LOCKED: 0.2, CONFIG: 0.2, RES: 0.1, UNKNOWN: 0.2},
    "ProgrammingError": {DEFECT: 0.5, SCHEMA: 0.4, PERM: 0.1},
    "IntegrityError": {DUP: 0.7, DEFECT: 0.3},
    "DataError": {CORRUPT: 0.4, DEFECT: 0.4, SCHEMA: 0.2},
    "InterfaceError": {NET: 0.5, DEFECT: 0.5},
    "NotSupportedError": _BAD_REQUEST,
    "InternalError": {UNKNOWN: 0.7, CORRUPT: 0.3},
    "DatabaseError": UNKNOWN,
    "ParserError": {CORRUPT: 0.7, SCHEMA: 0.3},  # pandas: "Error tokenizing data"
    "EmptyDataError": {MISSING: 0.5, CORRUPT: 0.5},
    "ArrowInvalid": {CORRUPT: 0.4, SCHEMA: 0.4, DEFECT: 0.2},
    "ArrowTypeError": {SCHEMA: 0.6, DEFECT: 0.4},
    "ArrowKeyError": {SCHEMA: 0.6, DEFECT: 0.4},
    "ArrowNotImplementedError": _BAD_REQUEST,
    "AnalysisException": {SCHEMA: 0.6, DEFECT: 0.4},
    "IllegalArgumentException": {DEFECT: 0.5, CONFIG: 0.5},
    "ValidationError": {CONFIG: 0.5, DEFECT: 0.3, SCHEMA: 0.2},
    "ArgumentError": {CONFIG: 0.7, DEFECT: 0.3},
    "DefaultCredentialsError": {AUTH: 0.6, CONFIG: 0.4},
    "ClientError": {PERM: 0.2, QUOTA: 0.2, MISSING: 0.15, AUTH: 0.15, CONFIG: 0.15, UNKNOWN: 0.15},
    "HTTPError": {NET: 0.3, UNKNOWN: 0.4, DEFECT: 0.1, PERM: 0.1, MISSING: 0.1},
    "HttpResponseError": {UNKNOWN: 0.5, NET: 0.2, PERM: 0.1, QUOTA: 0.1, CONFIG: 0.1},
    "APIStatusError": {UNKNOWN: 0.5, QUOTA: 0.2, NET: 0.2, DEFECT: 0.1},
    "BadRequestError": _BAD_REQUEST,
    "BadRequest": _BAD_REQUEST,
    "NotFoundError": _NOT_FOUND,  # the Anthropic/OpenAI SDKs: a model name, mostly
    "NotFound": {MISSING: 0.6, CONFIG: 0.2, SCHEMA: 0.2},
    "ResourceNotFoundError": {MISSING: 0.7, CONFIG: 0.3},
    "Forbidden": {PERM: 0.8, QUOTA: 0.2},  # BigQuery answers some rate limits with 403
    "ResourceExhausted": {QUOTA: 0.8, RES: 0.2},
    "InternalServerError": _SERVER_FAULT,
    "OverloadedError": _OVERLOADED,
    "ConflictError": _CONFLICT,
    "Conflict": {LOCKED: 0.5, DUP: 0.3, DEFECT: 0.2},
    "AlreadyExists": {DEFECT: 0.6, DUP: 0.4},
    "ResourceExistsError": {DEFECT: 0.6, DUP: 0.4},
    "ResourceModifiedError": LOCKED,
}

# Python's errno names (docs.python.org "errno", POSIX), by meaning.
ERRNO: dict[str, Prior] = {
    **_each("ENOENT", MISSING),
    **_each("EACCES EPERM", PERM),
    **_each("ENOSPC ENOMEM EMFILE ENFILE EFBIG", RES),
    **_each("EBUSY ETXTBSY EDEADLK", LOCKED),
    **_each(
        """ETIMEDOUT ECONNRESET ECONNABORTED EHOSTUNREACH EHOSTDOWN ENETUNREACH ENETDOWN
        ENETRESET EPIPE ENOTCONN EPROTO""",
        NET,
    ),
    **_each("EADDRNOTAVAIL EXDEV ELOOP ENOSYS ENOTSUP EOPNOTSUPP ENXIO", CONFIG),
    **_each("EBADF E2BIG EOVERFLOW", DEFECT),
    "ECONNREFUSED": {NET: 0.8, CONFIG: 0.2},
    "EROFS": {PERM: 0.5, CONFIG: 0.5},
    "EDQUOT": {QUOTA: 0.6, RES: 0.4},
    "EAGAIN": {RES: 0.4, LOCKED: 0.3, NET: 0.3},
    "ENOLCK": {RES: 0.5, LOCKED: 0.5},
    "EADDRINUSE": {LOCKED: 0.6, CONFIG: 0.4},
    "EINVAL": {DEFECT: 0.5, CONFIG: 0.5},
    "EISDIR": {CONFIG: 0.6, DEFECT: 0.4},
    "ENOTDIR": {CONFIG: 0.5, MISSING: 0.5},
    "EEXIST": {DEFECT: 0.6, CONFIG: 0.4},
    "ENOTEMPTY": {DEFECT: 0.6, CONFIG: 0.4},
    "ENAMETOOLONG": {CONFIG: 0.5, DEFECT: 0.5},
    "EIO": {CORRUPT: 0.4, NET: 0.3, UNKNOWN: 0.3},
    "ESTALE": {NET: 0.6, MISSING: 0.4},  # NFS
    "EILSEQ": CORRUPT,
}

# glibc's strerror() wording -> errno name: libraries print it without the number
# ("IO Error: Cannot open file ...: No such file or directory").
STRERROR: dict[str, str] = {
    "No such file or directory": "ENOENT",
    "Permission denied": "EACCES",
    "Operation not permitted": "EPERM",
    "Read-only file system": "EROFS",
    "No space left on device": "ENOSPC",
    "Disk quota exceeded": "EDQUOT",
    "Cannot allocate memory": "ENOMEM",
    "Too many open files": "EMFILE",
    "Too many open files in system": "ENFILE",
    "Resource temporarily unavailable": "EAGAIN",
    "Device or resource busy": "EBUSY",
    "Text file busy": "ETXTBSY",
    "Resource deadlock avoided": "EDEADLK",
    "Connection timed out": "ETIMEDOUT",
    "Connection refused": "ECONNREFUSED",
    "Connection reset by peer": "ECONNRESET",
    "Software caused connection abort": "ECONNABORTED",
    "No route to host": "EHOSTUNREACH",
    "Network is unreachable": "ENETUNREACH",
    "Transport endpoint is not connected": "ENOTCONN",
    "Broken pipe": "EPIPE",
    "Input/output error": "EIO",
    "Stale file handle": "ESTALE",
    "Address already in use": "EADDRINUSE",
    "File name too long": "ENAMETOOLONG",
}

# Windows system error codes (learn.microsoft.com "System Error Codes", Winsock error codes)
# that Python reports as "[WinError N]", mapped to the POSIX errno name Python maps them to.
WINERROR: dict[int, str] = {
    2: "ENOENT",
    3: "ENOENT",
    5: "EACCES",
    32: "EBUSY",  # ERROR_SHARING_VIOLATION
    33: "EBUSY",  # ERROR_LOCK_VIOLATION
    39: "ENOSPC",
    112: "ENOSPC",
    10048: "EADDRINUSE",
    10050: "ENETDOWN",
    10051: "ENETUNREACH",
    10053: "ECONNABORTED",
    10054: "ECONNRESET",
    10060: "ETIMEDOUT",
    10061: "ECONNREFUSED",
    10064: "EHOSTDOWN",
    10065: "EHOSTUNREACH",
}

# HTTP status codes: RFC 9110 and RFC 6585 (429, 431), RFC 4918 (423, 424, 507); 509, 52x and
# 529 are de-facto codes (bandwidth limits, Cloudflare, "site overloaded" as Anthropic uses it).
HTTP: dict[str, Prior] = {
    "400": {DEFECT: 0.5, CONFIG: 0.3, UNKNOWN: 0.2},
    "401": AUTH,
    "402": {QUOTA: 0.7, CONFIG: 0.3},
    "403": {PERM: 0.8, AUTH: 0.1, QUOTA: 0.1},  # some clouds throttle or reject tokens with 403
    "404": {MISSING: 0.6, CONFIG: 0.3, SCHEMA: 0.1},
    "405": DEFECT,
    "407": {AUTH: 0.7, CONFIG: 0.3},
    "408": NET,
    "409": {LOCKED: 0.6, DUP: 0.2, DEFECT: 0.2},
    "410": {MISSING: 0.5, CONFIG: 0.5},
    "411": DEFECT,
    "412": {LOCKED: 0.5, DEFECT: 0.5},  # the resource changed under a conditional write
    "413": _BAD_REQUEST,
    "414": DEFECT,
    "415": DEFECT,
    "422": _BAD_REQUEST,
    "423": LOCKED,
    "424": {MISSING: 0.5, UNKNOWN: 0.5},
    "429": QUOTA,
    "431": DEFECT,
    "451": PERM,
    "500": {NET: 0.4, UNKNOWN: 0.6},
    "501": {CONFIG: 0.5, DEFECT: 0.5},
    "502": NET,
    "503": {NET: 0.7, QUOTA: 0.3},
    "504": NET,
    "507": RES,
    "509": QUOTA,
    "520": {NET: 0.5, UNKNOWN: 0.5},
    "521": NET,
    "522": NET,
    "523": NET,
    "524": NET,
    "529": _OVERLOADED,
}
HTTP_CLASSES: dict[str, Prior] = {
    "4": {DEFECT: 0.3, CONFIG: 0.3, PERM: 0.1, AUTH: 0.1, MISSING: 0.1, UNKNOWN: 0.1},
    "5": _SERVER_FAULT,
}

# AWS error codes: the common errors of the AWS API reference, S3's error responses, and the
# DynamoDB, Glue, STS, EC2, Lambda, Athena and Bedrock API references. The same code with and
# without the "Exception" suffix is one code (services spell it both ways).
AWS: dict[str, Prior] = {
    **_each("AccessDenied UnauthorizedOperation KMSAccessDeniedException", PERM),
    **_each(
        """ExpiredToken InvalidClientTokenId UnrecognizedClientException InvalidAccessKeyId
        SignatureDoesNotMatch IncompleteSignature InvalidSignatureException
        MissingAuthenticationToken InvalidToken TokenRefreshRequired AuthFailure""",
        AUTH,
    ),
    **_each(
        """Throttling ThrottlingException TooManyRequestsException
        ProvisionedThroughputExceededException SlowDown RequestLimitExceeded
        RequestThrottled RequestThrottledException ServiceQuotaExceededException
        LimitExceededException BandwidthLimitExceeded InstanceLimitExceeded
        VcpuLimitExceeded EC2ThrottledException ActiveStatementsExceededException""",
        QUOTA,
    ),
    **_each("NoSuchKey NoSuchUpload ResourceNotFoundException", MISSING),
    **_each("RequestTimeout RequestTimeoutException ModelTimeoutException", NET),
    **_each("ConcurrentModificationException TransactionConflictException", LOCKED),
    **_each("OptInRequired MissingParameter InvalidParameterCombination", CONFIG),
    **_each("InsufficientInstanceCapacity", RES),
    "RequestExpired": {AUTH: 0.5, CONFIG: 0.5},  # clock skew
    "NoSuchBucket": {CONFIG: 0.6, MISSING: 0.4},
    "EntityNotFoundException": {MISSING: 0.5, SCHEMA: 0.5},  # Glue: database or table
    "ResourceInUseException": {LOCKED: 0.6, MISSING: 0.4},  # being created or updated
    "ConditionalCheckFailedException": {DUP: 0.5, LOCKED: 0.3, DEFECT: 0.2},
    "ItemCollectionSizeLimitExceededException": {QUOTA: 0.5, RES: 0.5},
    "ServiceUnavailable": {NET: 0.7, QUOTA: 0.3},
    "ServiceUnavailableException": {NET: 0.7, QUOTA: 0.3},
    "InternalError": _SERVER_FAULT,
    "InternalFailure": _SERVER_FAULT,
    "InternalServerError": _SERVER_FAULT,
    "InternalServerException": _SERVER_FAULT,
    "ModelNotReadyException": {MISSING: 0.5, NET: 0.5},
    "ModelErrorException": UNKNOWN,
    "ValidationException": {DEFECT: 0.5, CONFIG: 0.4, UNKNOWN: 0.1},
    "InvalidParameterValue": {CONFIG: 0.6, DEFECT: 0.4},
    "InvalidParameterException": {CONFIG: 0.5, DEFECT: 0.5},
    "InvalidInputException": {DEFECT: 0.5, CONFIG: 0.5},
    "InvalidRequestException": _BAD_REQUEST,
    "AlreadyExistsException": {DEFECT: 0.7, DUP: 0.3},
    "InvalidObjectState": {CONFIG: 0.6, MISSING: 0.4},  # an archived object
    "EntityTooLarge": _BAD_REQUEST,
}

# Google Cloud: the JSON API "reason" values (Cloud Storage and BigQuery error references),
# google.rpc.Code names (cloud.google.com/apis/design/errors), and OAuth 2.0 error codes
# (RFC 6749) as google-auth reports them.
GCP: dict[str, Prior] = {
    **_each("rateLimitExceeded userRateLimitExceeded quotaExceeded dailyLimitExceeded", QUOTA),
    **_each("accessDenied forbidden insufficientPermissions", PERM),
    **_each("authError unauthorized invalid_grant", AUTH),
    "notFound": {MISSING: 0.6, CONFIG: 0.2, SCHEMA: 0.2},
    "duplicate": {DEFECT: 0.7, DUP: 0.3},
    "backendError": {NET: 0.7, UNKNOWN: 0.3},
    "internalError": _SERVER_FAULT,
    "badRequest": _BAD_REQUEST,
    "invalid": {DEFECT: 0.4, CORRUPT: 0.3, CONFIG: 0.3},  # BigQuery load jobs report bad rows so
    "invalidQuery": {DEFECT: 0.6, SCHEMA: 0.4},  # BigQuery's "Unrecognized name" is one
    "resourcesExceeded": RES,
    "responseTooLarge": {RES: 0.5, DEFECT: 0.5},
    "resourceInUse": LOCKED,
    "billingNotEnabled": CONFIG,
    "timeout": {NET: 0.5, RES: 0.5},
    "tableUnavailable": {NET: 0.6, LOCKED: 0.4},
    "CANCELLED": UNKNOWN,
    "UNKNOWN": UNKNOWN,
    "INVALID_ARGUMENT": _BAD_REQUEST,
    "DEADLINE_EXCEEDED": NET,
    "NOT_FOUND": _NOT_FOUND,
    "ALREADY_EXISTS": {DEFECT: 0.7, DUP: 0.3},
    "PERMISSION_DENIED": PERM,
    "RESOURCE_EXHAUSTED": {QUOTA: 0.8, RES: 0.2},
    "FAILED_PRECONDITION": {CONFIG: 0.5, LOCKED: 0.3, DEFECT: 0.2},
    "ABORTED": LOCKED,  # a concurrency conflict
    "OUT_OF_RANGE": DEFECT,
    "UNIMPLEMENTED": _BAD_REQUEST,
    "INTERNAL": _SERVER_FAULT,
    "UNAVAILABLE": NET,
    "DATA_LOSS": CORRUPT,
    "UNAUTHENTICATED": AUTH,
    "invalid_client": {AUTH: 0.6, CONFIG: 0.4},
    "unauthorized_client": {CONFIG: 0.6, AUTH: 0.4},
}

# Azure: Resource Manager error codes (learn.microsoft.com "Troubleshoot common Azure deployment
# errors"), Blob/Data Lake Storage error codes, and Microsoft Entra "AADSTS" codes.
AZURE: dict[str, Prior] = {
    **_each(
        """AuthorizationFailed AuthorizationPermissionMismatch AuthorizationFailure
        InsufficientAccountPermissions LinkedAuthorizationFailed""",
        PERM,
    ),
    **_each("AuthenticationFailed InvalidAuthenticationToken ExpiredAuthenticationToken", AUTH),
    "AADSTS50126": AUTH,  # invalid username or password
    "AADSTS50076": AUTH,  # multi-factor authentication required
    "AADSTS7000215": AUTH,  # invalid client secret
    "AADSTS7000222": AUTH,  # client secret expired
    "AADSTS700082": AUTH,  # refresh token expired
    "AADSTS65001": PERM,  # consent required
    "AADSTS700016": CONFIG,  # application not found in the tenant
    "AADSTS90002": CONFIG,  # tenant not found
    **_each("TooManyRequests QuotaExceeded", QUOTA),
    **_each("OperationTimedOut GatewayTimeout", NET),
    **_each("BlobNotFound PathNotFound", MISSING),
    **_each("LeaseAlreadyPresent LeaseIdMissing LeaseIdMismatchWithBlobOperation", LOCKED),
    **_each("SubscriptionNotFound MissingSubscriptionRegistration InvalidResourceName", CONFIG),
    **_each("Md5Mismatch InvalidBlobOrBlock", CORRUPT),
    "AllocationFailed": RES,
    "AuthorizationSourceIPMismatch": {PERM: 0.6, CONFIG: 0.4},
    "RequestDisallowedByPolicy": {PERM: 0.7, CONFIG: 0.3},
    "InvalidAuthenticationTokenTenant": {AUTH: 0.6, CONFIG: 0.4},
    "AADSTS50034": {AUTH: 0.6, CONFIG: 0.4},  # the account does not exist
    "AccountIsDisabled": {CONFIG: 0.6, AUTH: 0.4},
    "ResourceNotFound": _NOT_FOUND,
    "ResourceGroupNotFound": {CONFIG: 0.6, MISSING: 0.4},
    "ContainerNotFound": {CONFIG: 0.5, MISSING: 0.5},
    "FilesystemNotFound": {CONFIG: 0.5, MISSING: 0.5},
    "OperationNotAllowed": {QUOTA: 0.5, CONFIG: 0.3, PERM: 0.2},  # often "exceeding quota"
    "ServerBusy": _OVERLOADED,
    "InternalError": _SERVER_FAULT,
    "ServiceUnavailable": {NET: 0.7, QUOTA: 0.3},
    "ScopeLocked": {LOCKED: 0.5, PERM: 0.5},  # a management lock, set by an administrator
    "Conflict": _CONFLICT,
    "BlobAlreadyExists": {DEFECT: 0.6, DUP: 0.4},
    "PathAlreadyExists": {DEFECT: 0.6, DUP: 0.4},
    "InvalidQueryParameterValue": {CONFIG: 0.5, DEFECT: 0.5},
    "RequestBodyTooLarge": DEFECT,
    "SkuNotAvailable": {RES: 0.5, CONFIG: 0.5},
}

# Microsoft Entra codes not listed above: sign-in failures, mostly.
AZURE_CLASSES: dict[str, Prior] = {"AADSTS": {AUTH: 0.6, CONFIG: 0.3, PERM: 0.1}}

# Anthropic API error types (docs.anthropic.com "Errors").
ANTHROPIC: dict[str, Prior] = {
    "invalid_request_error": _BAD_REQUEST,  # "also used for other 4XX status codes"
    "authentication_error": AUTH,
    "billing_error": {QUOTA: 0.7, CONFIG: 0.3},
    "permission_error": PERM,
    "not_found_error": {CONFIG: 0.7, MISSING: 0.3},  # a model name, usually
    "request_too_large": {DEFECT: 0.7, CONFIG: 0.3},
    "rate_limit_error": QUOTA,
    "api_error": _SERVER_FAULT,
    "overloaded_error": _OVERLOADED,
}

# OpenAI API error codes and types (platform.openai.com "Error codes").
OPENAI: dict[str, Prior] = {
    **_each("rate_limit_exceeded rate_limit_error insufficient_quota", QUOTA),
    "invalid_api_key": AUTH,
    "invalid_request_error": _BAD_REQUEST,
    "model_not_found": {CONFIG: 0.7, MISSING: 0.3},
    "context_length_exceeded": {DEFECT: 0.7, CONFIG: 0.3},
    "unsupported_country_region_territory": {PERM: 0.6, CONFIG: 0.4},
    "server_error": _SERVER_FAULT,
    "service_unavailable_error": _OVERLOADED,
    "server_is_overloaded": _OVERLOADED,
    "slow_down": QUOTA,
}

# JVM exception classes (the Java SE API, Hadoop, Parquet, Spark, Delta Lake javadoc).
JVM: dict[str, Prior] = {
    **_each(
        """java.lang.OutOfMemoryError org.apache.spark.SparkOutOfMemoryError
        org.apache.spark.memory.SparkOutOfMemoryError""",
        RES,
    ),
    **_each(
        """java.net.SocketTimeoutException java.net.SocketException
        java.net.NoRouteToHostException java.sql.SQLRecoverableException
        java.sql.SQLTransientConnectionException""",
        NET,
    ),
    **_each(
        """java.nio.file.NoSuchFileException java.lang.ClassNotFoundException
        java.lang.NoClassDefFoundError org.apache.spark.SparkFileNotFoundException""",
        MISSING,
    ),
    **_each(
        """java.nio.file.AccessDeniedException java.lang.SecurityException
        java.security.AccessControlException
        org.apache.hadoop.security.AccessControlException""",
        PERM,
    ),
    **_each(
        """java.lang.NullPointerException java.lang.ArithmeticException
        java.lang.ArrayIndexOutOfBoundsException
        org.apache.spark.sql.catalyst.parser.ParseException""",
        DEFECT,
    ),
    **_each(
        """io.delta.exceptions.ConcurrentAppendException
        io.delta.exceptions.ConcurrentWriteException""",
        LOCKED,
    ),
    "java.io.FileNotFoundException": {MISSING: 0.85, PERM: 0.15},  # also "(Permission denied)"
    "java.net.ConnectException": {NET: 0.8, CONFIG: 0.2},
    "java.net.UnknownHostException": {CONFIG: 0.5, NET: 0.5},
    "java.io.EOFException": {CORRUPT: 0.6, NET: 0.4},
    "java.io.IOException": {NET: 0.3, MISSING: 0.2, CORRUPT: 0.2, UNKNOWN: 0.3},
    "java.util.concurrent.TimeoutException": {NET: 0.6, RES: 0.4},
    "java.lang.StackOverflowError": {DEFECT: 0.6, RES: 0.4},
    "java.lang.NoSuchMethodError": {CONFIG: 0.6, MISSING: 0.4},  # mismatched library versions
    "java.lang.UnsupportedClassVersionError": CONFIG,
    "java.lang.IllegalArgumentException": {DEFECT: 0.5, CONFIG: 0.5},
    "java.lang.IllegalStateException": {DEFECT: 0.6, UNKNOWN: 0.4},
    "java.lang.NumberFormatException": {CORRUPT: 0.5, DEFECT: 0.3, SCHEMA: 0.2},
    "java.lang.ClassCastException": {DEFECT: 0.6, SCHEMA: 0.4},
    "java.lang.UnsupportedOperationException": _BAD_REQUEST,
    "java.lang.InterruptedException": UNKNOWN,
    "javax.security.auth.login.LoginException": AUTH,
    "javax.net.ssl.SSLHandshakeException": {CONFIG: 0.6, NET: 0.4},
    "java.sql.SQLTimeoutException": {NET: 0.5, RES: 0.5},
    "java.sql.SQLIntegrityConstraintViolationException": {DUP: 0.8, DEFECT: 0.2},
    "java.sql.SQLSyntaxErrorException": {DEFECT: 0.6, SCHEMA: 0.4},
    "java.sql.SQLInvalidAuthorizationSpecException": AUTH,
    "org.apache.hadoop.hdfs.protocol.DSQuotaExceededException": {QUOTA: 0.6, RES: 0.4},
    "org.apache.parquet.io.ParquetDecodingException": CORRUPT,
    "org.apache.spark.sql.AnalysisException": {SCHEMA: 0.6, DEFECT: 0.4},
    "org.apache.spark.shuffle.FetchFailedException": {NET: 0.5, RES: 0.5},  # a lost executor
}
# JVM packages, for a class not listed above: the longest matching package wins.
JVM_PACKAGES: dict[str, Prior] = {
    "java.net": NET,
    "java.nio.file": {MISSING: 0.5, PERM: 0.3, CONFIG: 0.2},
    "java.io": {NET: 0.3, MISSING: 0.2, CORRUPT: 0.2, UNKNOWN: 0.3},
    "java.sql": {DEFECT: 0.3, NET: 0.3, UNKNOWN: 0.4},
    "java.security": {PERM: 0.6, AUTH: 0.4},
    "javax.net.ssl": {CONFIG: 0.6, NET: 0.4},
    "javax.security.auth": AUTH,
    "org.apache.parquet": {CORRUPT: 0.6, SCHEMA: 0.4},
    "io.delta.exceptions": {LOCKED: 0.6, SCHEMA: 0.4},
}

# What an unlisted code of a known namespace still says.
NAMESPACE_PRIORS: dict[str, Prior] = {
    "sqlstate": {UNKNOWN: 0.4, DEFECT: 0.2, SCHEMA: 0.15, RES: 0.15, NET: 0.1},
    "duckdb": {UNKNOWN: 0.5, DEFECT: 0.3, SCHEMA: 0.2},
    "sqlite": {UNKNOWN: 0.6, DEFECT: 0.2, LOCKED: 0.2},
    "spark": {DEFECT: 0.4, SCHEMA: 0.3, UNKNOWN: 0.3},
    "python": {UNKNOWN: 0.6, DEFECT: 0.4},
    "errno": {UNKNOWN: 0.7, NET: 0.2, RES: 0.1},
    "http": UNKNOWN,  # 1xx-3xx are not failures
    "aws": {UNKNOWN: 0.4, CONFIG: 0.2, PERM: 0.1, QUOTA: 0.1, AUTH: 0.1, MISSING: 0.1},
    "gcp": {UNKNOWN: 0.4, CONFIG: 0.2, PERM: 0.1, QUOTA: 0.1, AUTH: 0.1, MISSING: 0.1},
    "azure": {UNKNOWN: 0.4, CONFIG: 0.2, PERM: 0.1, QUOTA: 0.1, AUTH: 0.1, MISSING: 0.1},
    "anthropic": {UNKNOWN: 0.5, DEFECT: 0.2, QUOTA: 0.2, NET: 0.1},
    "openai": {UNKNOWN: 0.5, DEFECT: 0.2, QUOTA: 0.2, NET: 0.1},
    "jvm": {UNKNOWN: 0.7, DEFECT: 0.3},
    "datamorph": {DEFECT: 0.8, UNKNOWN: 0.2},
}
