/**
 * Python libraries, as data: one entry per library, in the same shape as the JavaScript entries.
 * Python modules are matched against these and the JavaScript entries (callee-text patterns such
 * as `logger.info` or `analytics.track` hold in both); JavaScript modules never see these, so
 * adding a Python library costs the TypeScript path nothing.
 *
 * Refs of Python imports are `module:path`: `import requests` then `requests.get` is
 * `requests:get`; `from openai import OpenAI` then `OpenAI().chat.completions.create` is
 * `openai:OpenAI().chat.completions.create`.
 */
import type { SinkEntry } from './sinks.js';
import type { SourceEntry } from './sources.js';

const LEVELS = '{debug,info,warning,warn,error,exception,critical,fatal,log,trace,success,msg}';
const HTTP_READ = '{get,head,options,delete}';
const HTTP_WRITE = '{post,put,patch}';
const SENTRY_FNS =
  '{set_user,set_context,set_extra,set_tag,set_tags,capture_exception,capture_message,capture_event,add_breadcrumb}';

/** Flask's `return body, 404`: a view's return value is the response. Emitted by the engine. */
export const PYTHON_RETURN_RESPONSE: SinkEntry = {
  id: 'flask-return',
  category: 'response',
  label: 'HTTP response',
  args: [0],
  status: { arg: 1 },
};

export const PYTHON_SINKS: readonly SinkEntry[] = [
  // Loggers
  {
    id: 'py-print',
    category: 'log',
    label: 'print',
    refs: ['print', 'sys:{stdout,stderr}.write', 'pprint:pprint'],
  },
  { id: 'py-logging', category: 'log', label: 'Python logging', refs: [`logging:**.${LEVELS}`] },
  { id: 'loguru', category: 'log', label: 'loguru logger', refs: [`loguru:**.${LEVELS}`] },
  { id: 'structlog', category: 'log', label: 'structlog logger', refs: [`structlog:**.${LEVELS}`] },
  {
    id: 'py-custom-logger',
    category: 'log',
    label: 'application logger',
    texts: ['{**.,}{logger,_logger,log,LOGGER,LOG,audit_log,app_logger}.{exception,warning,critical,msg}'],
    confidence: 'medium',
  },

  // Analytics
  {
    id: 'segment-python',
    category: 'analytics',
    label: 'Segment analytics',
    host: 'api.segment.io',
    refs: ['{analytics,segment.analytics}:**.{track,identify,page,group,alias,screen}'],
  },
  {
    id: 'mixpanel-python',
    category: 'analytics',
    label: 'Mixpanel',
    host: 'api.mixpanel.com',
    refs: ['mixpanel:**.{track,people_set,people_set_once,people_append,people_union,alias,import_data}'],
  },
  {
    id: 'posthog-python',
    category: 'analytics',
    label: 'PostHog',
    host: 'us.i.posthog.com',
    refs: ['posthog:**.{capture,identify,set,set_once,alias,group_identify}'],
  },

  // Error trackers
  {
    id: 'sentry-python',
    category: 'error-tracker',
    label: 'Sentry',
    host: 'ingest.sentry.io',
    refs: [`sentry_sdk:**.${SENTRY_FNS}`],
    texts: [`{scope,sentry_scope}.${SENTRY_FNS}`],
  },
  {
    id: 'rollbar-python',
    category: 'error-tracker',
    label: 'Rollbar',
    host: 'api.rollbar.com',
    refs: ['rollbar:{report_exc_info,report_message}'],
  },
  {
    id: 'bugsnag-python',
    category: 'error-tracker',
    label: 'Bugsnag',
    host: 'notify.bugsnag.com',
    refs: ['bugsnag:{notify,leave_breadcrumb}'],
  },
  {
    id: 'newrelic-python',
    category: 'error-tracker',
    label: 'New Relic',
    host: 'collector.newrelic.com',
    refs: ['newrelic:**.{add_custom_attribute,add_custom_attributes,notice_error,record_custom_event}'],
  },

  // LLM APIs
  {
    id: 'openai-python',
    category: 'llm',
    label: 'OpenAI API',
    host: 'api.openai.com',
    refs: [
      'openai:**.{chat.completions.create,chat.completions.parse,completions.create,responses.create,embeddings.create,beta.chat.completions.parse,ChatCompletion.create,Completion.create}',
    ],
  },
  {
    id: 'anthropic-python',
    category: 'llm',
    label: 'Anthropic API',
    host: 'api.anthropic.com',
    refs: [
      'anthropic:**.{messages.create,messages.stream,completions.create,messages.batches.create,beta.messages.create}',
    ],
  },
  {
    id: 'bedrock-python',
    category: 'llm',
    label: 'Amazon Bedrock',
    host: 'bedrock-runtime.amazonaws.com',
    refs: [
      '{boto3,aioboto3}:**.{invoke_model,invoke_model_with_response_stream,converse,converse_stream,invoke_agent,retrieve_and_generate}',
    ],
  },
  {
    id: 'gemini-python',
    category: 'llm',
    label: 'Google Gemini / Vertex AI',
    host: 'generativelanguage.googleapis.com',
    refs: [
      '{google,google.genai,google.generativeai,vertexai,vertexai.generative_models,vertexai.preview.generative_models}:**.{generate_content,generate_content_async,generate_content_stream,send_message,send_message_async,embed_content}',
    ],
  },
  {
    id: 'langchain-python',
    category: 'llm',
    label: 'LangChain model',
    refs: [
      'langchain*:**.{invoke,ainvoke,stream,astream,batch,predict,generate}',
      'langchain*.**:**.{invoke,ainvoke,stream,astream,batch,predict,generate}',
    ],
  },
  {
    id: 'other-llm-python',
    category: 'llm',
    label: 'LLM API',
    refs: [
      'litellm:{completion,acompletion,embedding,text_completion}',
      '{cohere,mistralai,groq,together,replicate,huggingface_hub}:**.{chat,generate,complete,run,text_generation,chat_completion}',
      '{mistralai,groq,together}:**.{chat.complete,chat.completions.create}',
    ],
  },

  // HTTP clients
  {
    id: 'requests-read',
    category: 'http',
    label: 'requests',
    refs: [`{requests,httpx}:**.${HTTP_READ}`, `aiohttp:**.${HTTP_READ}`],
    http: { url: 0, options: 1, method: 'GET' },
  },
  {
    id: 'requests-write',
    category: 'http',
    label: 'requests',
    refs: [`{requests,httpx}:**.${HTTP_WRITE}`, `aiohttp:**.${HTTP_WRITE}`],
    http: { url: 0, data: 1, options: 2, method: 'POST' },
  },
  {
    id: 'requests-request',
    category: 'http',
    label: 'requests',
    refs: ['{requests,httpx,aiohttp}:**.request'],
    http: { url: 1, data: 2, options: 3 },
  },
  {
    id: 'urllib',
    category: 'http',
    label: 'urllib',
    refs: [
      'urllib:request.{urlopen,Request}',
      'urllib.request:{urlopen,Request}',
      'urllib3:**.{request,urlopen}',
    ],
    http: { url: 0, data: 1 },
  },

  // URLs
  {
    id: 'flask-url',
    category: 'url',
    label: 'Flask redirect/url_for',
    refs: ['flask:{redirect,url_for}', 'django.shortcuts:redirect', 'django.http:HttpResponseRedirect'],
  },
  {
    // Streamlit apps keep state in the URL: `st.query_params` ends up in history, logs and Referer.
    id: 'streamlit-query-params',
    category: 'url',
    label: 'Streamlit query parameters',
    refs: ['streamlit:{query_params.update,query_params.from_dict,experimental_set_query_params}'],
  },
  {
    id: 'streamlit-query-params-assign',
    category: 'url',
    label: 'Streamlit query parameters',
    refs: ['streamlit:query_params.*'],
    assign: true,
  },
  {
    id: 'starlette-redirect',
    category: 'url',
    label: 'RedirectResponse',
    refs: ['{fastapi.responses,starlette.responses}:RedirectResponse', '**:request.url_for'],
  },

  // Files written in cleartext
  {
    id: 'py-file',
    category: 'file',
    label: 'file write',
    refs: [
      'open().{write,writelines}',
      '{io,codecs,gzip,bz2}:open().{write,writelines}',
      'pathlib:**.{write_text,write_bytes}',
      'csv:{writer,DictWriter}().{writerow,writerows}',
      'json:dump',
      'pickle:dump',
      'shutil:copyfileobj',
    ],
  },
  {
    id: 'pandas-export',
    category: 'file',
    label: 'pandas export',
    refs: [
      '{pandas,polars}:**.{to_csv,to_json,to_excel,to_parquet,to_pickle,to_feather,to_html,write_csv,write_parquet}',
    ],
    texts: ['{**.,}*.{to_csv,to_excel,to_parquet,to_feather,to_pickle}'],
    receiver: true,
  },

  // Responses
  {
    id: 'flask-response',
    category: 'response',
    label: 'HTTP response',
    refs: ['flask:{jsonify,make_response,Response}'],
    status: { arg: 1, kw: ['status', 'code'] },
  },
  {
    id: 'flask-abort',
    category: 'response',
    label: 'abort',
    refs: ['flask:abort'],
    args: [1],
    status: { arg: 0, kw: ['code'] },
  },
  {
    id: 'starlette-response',
    category: 'response',
    label: 'HTTP response',
    refs: [
      '{fastapi,fastapi.responses,starlette.responses}:{JSONResponse,HTMLResponse,PlainTextResponse,Response,ORJSONResponse}',
    ],
    status: { arg: 1, kw: ['status_code'] },
  },
  {
    id: 'fastapi-http-exception',
    category: 'response',
    label: 'HTTPException',
    refs: ['{fastapi,fastapi.exceptions,starlette.exceptions}:HTTPException'],
    args: [0, 1],
    status: { arg: 0, kw: ['status_code'] },
  },
  {
    id: 'django-response',
    category: 'response',
    label: 'HTTP response',
    refs: ['django.http:{JsonResponse,HttpResponse}', 'rest_framework.response:Response'],
    status: { arg: 1, kw: ['status'] },
  },
  {
    id: 'django-error-response',
    category: 'response',
    label: 'HTTP response',
    refs: ['django.http:{HttpResponseBadRequest,HttpResponseNotFound,HttpResponseForbidden}'],
    status: { fixed: 400 },
  },
  {
    id: 'django-server-error',
    category: 'response',
    label: 'HTTP response',
    refs: ['django.http:HttpResponseServerError'],
    status: { fixed: 500 },
  },

  // SQL and code evaluation
  {
    id: 'py-sql',
    category: 'sql',
    label: 'SQL query',
    refs: [
      '{sqlite3,psycopg2,psycopg,pymysql,MySQLdb,mysql.connector,asyncpg,aiosqlite}:**.{execute,executemany,executescript,fetch,fetchrow,fetchval}',
      'sqlalchemy:text',
      'sqlalchemy.sql:text',
      'django.db:connection.cursor().{execute,executemany}',
    ],
    texts: [
      '{**.,}{cursor,cur,c,conn,connection,con,db,session,engine}.{execute,executemany,executescript}',
      '{**.,}{cursor,cur,conn,connection,db}().{execute,executemany}',
      '**.objects.{raw,extra}',
      '**.objects.*().{raw,extra}',
    ],
    args: [0],
  },
  {
    id: 'py-eval',
    category: 'eval',
    label: 'eval',
    refs: ['exec', 'compile', 'builtins:{eval,exec}', 'pickle:{loads,load}'],
    args: [0],
  },
];

/** FHIR resource models of fhir.resources (pydantic) that hold PHI. */
const FHIR_MODELS =
  '{Patient,Observation,Condition,Encounter,MedicationRequest,MedicationStatement,AllergyIntolerance,Immunization,Procedure,DiagnosticReport,DocumentReference,CarePlan,Appointment,Claim,Coverage,ServiceRequest,QuestionnaireResponse,RelatedPerson,Bundle}';

export const PYTHON_SOURCES: readonly SourceEntry[] = [
  {
    id: 'fhir.resources',
    kind: 'fhir',
    label: 'fhir.resources model',
    refs: [
      `fhir.resources.**:${FHIR_MODELS}.{parse_obj,parse_raw,parse_file,model_validate,model_validate_json,construct}`,
      `fhir.resources.**:${FHIR_MODELS}`,
    ],
  },
  {
    id: 'fhirclient-python',
    kind: 'fhir',
    label: 'SMART on FHIR client (fhirclient)',
    refs: [
      'fhirclient.**:**.{read,where,perform,perform_resources,read_from}',
      'fhirclient:**.{read,request_json}',
    ],
  },
  {
    id: 'fhirpy',
    kind: 'fhir',
    label: 'fhirpy client',
    refs: ['fhirpy:**.{resources,reference,fetch,fetch_all,first,get}'],
  },
];
