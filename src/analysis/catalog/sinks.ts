/**
 * Where data must not go, one entry per library. Adding a vendor is one entry here; rules pick
 * entries by category. `refs` match resolved library paths (imports followed through variables,
 * calls and `new`); `texts` match the callee as written, for wrappers the engine cannot resolve.
 */
import type { Confidence } from '../../core/severity.js';

export type SinkCategory =
  | 'log'
  | 'analytics'
  | 'error-tracker'
  | 'llm'
  | 'http'
  | 'url'
  | 'browser-storage'
  | 'file'
  | 'response'
  | 'sql'
  | 'nosql'
  | 'eval';

export interface SinkEntry {
  id: string;
  category: SinkCategory;
  /** How a finding names it: "winston logger", "OpenAI API". */
  label: string;
  refs?: string[];
  texts?: string[];
  /** Indexes of arguments that carry data; default: all. */
  args?: number[];
  /** For HTTP clients: which argument is the URL, which the options or data. */
  http?: { url?: number; options?: number; data?: number; method?: string };
  /** The vendor's host, for sinks that always send to one: allow-listing it (a BAA) silences them. */
  host?: string;
  /** For assignment sinks (`document.cookie = x`): the target matched instead of a call. */
  assign?: boolean;
  /**
   * Not applied to Python: callee-text patterns that would mislabel Python calls (`log.info` is not
   * Fastify's) and browser globals whose names are ordinary Python (`open()` opens a file).
   */
  jsOnly?: boolean;
  confidence?: Confidence;
  /** The receiver carries the data (pandas `df.to_csv(path)`): it is checked as a last argument. */
  receiver?: boolean;
  /** Where a response's status is given: a positional argument, a keyword, or fixed by the class. */
  status?: { arg?: number; kw?: string[]; fixed?: number };
}

const LEVELS = '{info,warn,warning,error,debug,trace,fatal,log,verbose,silly,notice,critical,http}';
const SENTRY_PKGS =
  '@sentry/{node,browser,react,nextjs,vue,angular,svelte,remix,astro,bun,deno,aws-serverless,google-cloud-serverless,react-native,electron,core}';
const SENTRY_FNS =
  '{setUser,setContext,setExtra,setExtras,setTag,setTags,addBreadcrumb,captureException,captureMessage,captureEvent}';

export const SINKS: readonly SinkEntry[] = [
  // Loggers
  {
    id: 'console',
    category: 'log',
    label: 'console',
    refs: ['console.{log,info,warn,error,debug,trace,dir,table,group}'],
  },
  {
    id: 'winston',
    category: 'log',
    label: 'winston logger',
    refs: [`winston:**.${LEVELS}`, `winston:${LEVELS}`],
  },
  {
    id: 'pino',
    category: 'log',
    label: 'pino logger',
    refs: [`pino:**.${LEVELS}`, `{pino-http,express-pino-logger}:**.${LEVELS}`],
  },
  { id: 'bunyan', category: 'log', label: 'bunyan logger', refs: [`bunyan:**.${LEVELS}`] },
  { id: 'log4js', category: 'log', label: 'log4js logger', refs: [`log4js:**.${LEVELS}`] },
  { id: 'debug', category: 'log', label: 'debug logger', refs: ['debug:{,default}()'] },
  { id: 'loglevel', category: 'log', label: 'loglevel logger', refs: [`loglevel:**${LEVELS}`] },
  {
    id: 'consola',
    category: 'log',
    label: 'consola logger',
    refs: [`consola:**{info,warn,error,debug,trace,fatal,log,success,start,box}`],
  },
  {
    id: 'nestjs-logger',
    jsOnly: true,
    category: 'log',
    label: 'NestJS logger',
    refs: [`@nestjs/common:Logger**.${LEVELS}`],
  },
  {
    id: 'fastify-logger',
    jsOnly: true,
    category: 'log',
    label: 'Fastify logger',
    texts: [`{**.,}log.${LEVELS}`],
    refs: [`fastify:**.log.${LEVELS}`],
  },
  {
    id: 'custom-logger',
    category: 'log',
    label: 'application logger',
    texts: [
      `{**.,}{logger,_logger,Logger,LOGGER,log,appLogger,auditLogger,auditLog,audit,requestLogger}.${LEVELS}`,
    ],
    confidence: 'medium',
  },

  // Analytics and session replay
  {
    id: 'segment',
    category: 'analytics',
    label: 'Segment analytics',
    host: 'api.segment.io',
    refs: [
      '@segment/analytics-next:**.{track,identify,page,group,alias,screen}',
      '{@segment/analytics-node,analytics-node}:**.{track,identify,page,group,alias}',
      'analytics.{track,identify,page,group,alias}',
    ],
    texts: ['{**.,}analytics.{track,identify,page,group,alias}'],
  },
  {
    id: 'google-analytics',
    jsOnly: true,
    category: 'analytics',
    label: 'Google Analytics',
    host: 'www.google-analytics.com',
    refs: ['gtag', 'dataLayer.push', '{react-ga4,react-ga}:**.{event,send,set,gtag}', 'ga'],
  },
  {
    id: 'mixpanel',
    category: 'analytics',
    label: 'Mixpanel',
    host: 'api.mixpanel.com',
    refs: [
      '{mixpanel-browser,mixpanel}:**.{track,identify,register,register_once,set,set_once,alias,track_with_groups}',
      'mixpanel.{track,identify,register,people.set,people.set_once}',
    ],
    texts: ['{**.,}mixpanel.{track,identify,register,people.set,people.set_once}'],
  },
  {
    id: 'posthog',
    category: 'analytics',
    label: 'PostHog',
    host: 'us.i.posthog.com',
    refs: [
      '{posthog-js,posthog-node,posthog-js/react}:**.{capture,identify,setPersonProperties,register,group,alias}',
      'posthog.{capture,identify,register}',
    ],
    texts: ['{**.,}posthog.{capture,identify,setPersonProperties,register}'],
  },
  {
    id: 'amplitude',
    category: 'analytics',
    label: 'Amplitude',
    host: 'api2.amplitude.com',
    refs: [
      '{@amplitude/analytics-browser,@amplitude/analytics-node,@amplitude/analytics-react-native,amplitude-js}:**{track,identify,setUserId,logEvent,setUserProperties}',
      'amplitude.**{track,logEvent,setUserId}',
    ],
  },
  {
    id: 'heap',
    category: 'analytics',
    label: 'Heap',
    host: 'heapanalytics.com',
    refs: [
      'heap.{track,identify,addUserProperties,addEventProperties}',
      '@heap/**.{track,identify,addUserProperties}',
    ],
  },
  {
    id: 'fullstory',
    category: 'analytics',
    label: 'FullStory',
    host: 'rs.fullstory.com',
    refs: [
      '@fullstory/browser:{event,identify,setUserVars,FullStory,init}',
      '@fullstory/browser:FullStory',
      'FS.{event,identify,setUserVars,setIdentity,setProperties}',
      'FS',
    ],
  },
  {
    id: 'logrocket',
    category: 'analytics',
    label: 'LogRocket',
    host: 'r.logrocket.io',
    refs: ['logrocket:**.{identify,track,log,info,warn,error,debug,captureMessage,captureException}'],
  },
  {
    id: 'hotjar',
    jsOnly: true,
    category: 'analytics',
    label: 'Hotjar',
    host: 'in.hotjar.com',
    refs: ['hj', '{@hotjar/browser,react-hotjar}:**.{identify,event,stateChange}'],
  },

  // Error trackers and APM
  {
    id: 'sentry',
    category: 'error-tracker',
    label: 'Sentry',
    host: 'ingest.sentry.io',
    refs: [`${SENTRY_PKGS}:${SENTRY_FNS}`, `${SENTRY_PKGS}:**.${SENTRY_FNS}`],
    texts: [`Sentry.${SENTRY_FNS}`, `{scope,Sentry.getCurrentScope()}.${SENTRY_FNS}`],
  },
  {
    id: 'datadog',
    category: 'error-tracker',
    label: 'Datadog',
    host: 'browser-intake-datadoghq.com',
    refs: [
      '@datadog/browser-rum:**.{setUser,addAction,addError,setGlobalContextProperty,setUserProperty,setGlobalContext}',
      `@datadog/browser-logs:**.${LEVELS}`,
      'dd-trace:**.{setTag,addTags}',
    ],
  },
  {
    id: 'bugsnag',
    category: 'error-tracker',
    label: 'Bugsnag',
    host: 'notify.bugsnag.com',
    refs: ['{@bugsnag/js,@bugsnag/node,@bugsnag/browser}:**.{notify,setUser,addMetadata,leaveBreadcrumb}'],
    texts: ['Bugsnag.{notify,setUser,addMetadata,leaveBreadcrumb}'],
  },
  {
    id: 'rollbar',
    category: 'error-tracker',
    label: 'Rollbar',
    host: 'api.rollbar.com',
    refs: ['rollbar:**.{error,info,warning,warn,critical,log,debug,configure}'],
  },
  {
    id: 'newrelic',
    category: 'error-tracker',
    label: 'New Relic',
    host: 'collector.newrelic.com',
    refs: [
      'newrelic:{noticeError,addCustomAttribute,addCustomAttributes,recordCustomEvent,setUserID,addCustomSpanAttribute}',
      'newrelic.{noticeError,addCustomAttribute,setCustomAttribute,addPageAction}',
    ],
  },

  // LLM APIs
  {
    id: 'openai',
    category: 'llm',
    label: 'OpenAI API',
    host: 'api.openai.com',
    refs: [
      'openai:**.{chat.completions.create,chat.completions.parse,chat.completions.stream,completions.create,responses.create,responses.stream,embeddings.create,threads.messages.create,threads.createAndRun,runs.create,moderations.create,audio.speech.create}',
    ],
    texts: ['**.{chat.completions.create,responses.create}'],
  },
  {
    id: 'anthropic',
    category: 'llm',
    label: 'Anthropic API',
    host: 'api.anthropic.com',
    refs: [
      '@anthropic-ai/sdk:**.{messages.create,messages.stream,messages.countTokens,completions.create,batches.create}',
      '@anthropic-ai/bedrock-sdk:**.messages.{create,stream}',
      '@anthropic-ai/vertex-sdk:**.messages.{create,stream}',
    ],
  },
  {
    id: 'bedrock',
    category: 'llm',
    label: 'Amazon Bedrock',
    host: 'bedrock-runtime.amazonaws.com',
    refs: [
      '@aws-sdk/client-bedrock-runtime:{InvokeModelCommand,InvokeModelWithResponseStreamCommand,ConverseCommand,ConverseStreamCommand}',
      '@aws-sdk/client-bedrock-agent-runtime:{InvokeAgentCommand,RetrieveAndGenerateCommand}',
    ],
  },
  {
    id: 'gemini',
    category: 'llm',
    label: 'Google Gemini / Vertex AI',
    host: 'generativelanguage.googleapis.com',
    refs: [
      '{@google/generative-ai,@google/genai,@google-cloud/vertexai,@google-cloud/aiplatform}:**.{generateContent,generateContentStream,sendMessage,sendMessageStream,embedContent,countTokens,predict}',
    ],
  },
  {
    id: 'langchain',
    category: 'llm',
    label: 'LangChain model',
    refs: [
      '{@langchain/openai,@langchain/anthropic,@langchain/google-genai,@langchain/google-vertexai,@langchain/mistralai,@langchain/aws,@langchain/community,@langchain/core,langchain}**.{invoke,stream,batch,call,predict,generate,streamEvents}',
    ],
  },
  {
    id: 'vercel-ai',
    category: 'llm',
    label: 'Vercel AI SDK',
    refs: ['ai:{generateText,streamText,generateObject,streamObject,embed,embedMany}'],
  },
  {
    id: 'other-llm',
    category: 'llm',
    label: 'LLM API',
    refs: [
      '{cohere-ai,@mistralai/mistralai,groq-sdk,together-ai,replicate,@huggingface/inference}:**.{chat,generate,complete,stream,create,run,textGeneration,chatCompletion}',
    ],
  },

  // HTTP clients (egress to hosts without a BAA; PHI in URLs)
  {
    id: 'fetch',
    jsOnly: true,
    category: 'http',
    label: 'fetch',
    refs: ['fetch', '{node-fetch,undici,cross-fetch,isomorphic-fetch}:{,default,fetch}'],
    http: { url: 0, options: 1 },
  },
  {
    id: 'axios-get',
    category: 'http',
    label: 'axios',
    refs: ['axios:**.{get,delete,head,options}'],
    texts: ['{**.,}{axios,http,api,client}.{get,delete,head,options}'],
    http: { url: 0, options: 1, method: 'GET' },
  },
  {
    id: 'axios-post',
    category: 'http',
    label: 'axios',
    refs: ['axios:**.{post,put,patch,postForm,putForm}'],
    texts: ['{**.,}{axios,http,api,client}.{post,put,patch}'],
    http: { url: 0, data: 1, options: 2, method: 'POST' },
  },
  {
    id: 'axios-request',
    category: 'http',
    label: 'axios',
    refs: ['axios:{,default,request,default.request}', 'axios:**.create().request'],
    http: { options: 0 },
  },
  {
    id: 'got',
    category: 'http',
    label: 'got',
    refs: [
      'got:{,default}',
      'got:**.{get,post,put,patch,delete}',
      'ky:**{get,post,put,patch,delete}',
      'ky:{,default}',
      'superagent:**.{get,post,put,patch,del,send,query}',
      'needle:**',
    ],
    http: { url: 0, options: 1 },
  },
  {
    id: 'node-http',
    category: 'http',
    label: 'http request',
    refs: ['{http,https}:{request,get}'],
    http: { url: 0, options: 1 },
  },
  {
    id: 'beacon',
    jsOnly: true,
    category: 'http',
    label: 'navigator.sendBeacon',
    refs: ['navigator.sendBeacon'],
    http: { url: 0, data: 1, method: 'POST' },
  },

  // URLs (logged by servers, proxies, browser history and Referer headers)
  {
    id: 'location',
    jsOnly: true,
    category: 'url',
    label: 'window.location',
    refs: ['location.{assign,replace}', 'open', 'history.{pushState,replaceState}'],
  },
  {
    id: 'location-assign',
    jsOnly: true,
    category: 'url',
    label: 'window.location',
    refs: ['location', 'location.{href,search,hash,pathname}'],
    assign: true,
  },
  {
    id: 'next-router',
    category: 'url',
    label: 'Next.js router',
    refs: [
      '{next/router,next/navigation}:{useRouter(),default,Router,router}.{push,replace,prefetch}',
      '{next/navigation,next/dist/client/components/navigation}:{redirect,permanentRedirect}',
    ],
    texts: ['{**.,}router.{push,replace}', 'navigate'],
  },
  {
    id: 'react-router',
    category: 'url',
    label: 'React Router',
    refs: ['{react-router,react-router-dom}:{useNavigate(),redirect,Navigate}'],
  },
  {
    id: 'redirect',
    category: 'url',
    label: 'HTTP redirect',
    texts: ['{res,response,reply,ctx}.redirect', 'c.redirect', 'NextResponse.redirect', 'Response.redirect'],
    refs: ['next/server:NextResponse.redirect'],
  },

  // Browser and device storage (unencrypted, readable by any script on the origin)
  {
    id: 'web-storage',
    jsOnly: true,
    category: 'browser-storage',
    label: 'Web Storage',
    refs: ['{localStorage,sessionStorage}.{setItem}'],
  },
  {
    id: 'web-storage-assign',
    jsOnly: true,
    category: 'browser-storage',
    label: 'Web Storage',
    refs: ['{localStorage,sessionStorage}.*'],
    assign: true,
  },
  {
    id: 'document-cookie',
    jsOnly: true,
    category: 'browser-storage',
    label: 'document.cookie',
    refs: ['document.cookie'],
    assign: true,
  },
  {
    id: 'cookie-libs',
    category: 'browser-storage',
    label: 'browser cookie',
    refs: [
      '{js-cookie,universal-cookie,react-cookie,cookies-next}:**.{set,setCookie}',
      '{cookies-next}:setCookie',
    ],
  },
  {
    id: 'indexeddb',
    category: 'browser-storage',
    label: 'IndexedDB',
    refs: [
      '{idb-keyval}:{set,setMany,update}',
      'idb:**.{put,add}',
      'dexie:**.{put,add,bulkAdd,bulkPut}',
      'localforage:**.setItem',
    ],
    texts: ['**.objectStore().{put,add}', '**.store.{put,add}'],
  },
  {
    id: 'async-storage',
    category: 'browser-storage',
    label: 'React Native AsyncStorage',
    refs: ['@react-native-async-storage/async-storage:**.{setItem,mergeItem,multiSet,multiMerge}'],
    texts: ['AsyncStorage.{setItem,mergeItem,multiSet}'],
  },

  // Files written in cleartext
  {
    id: 'fs',
    category: 'file',
    label: 'file write',
    refs: [
      '{fs,fs/promises,node:fs,graceful-fs}:{writeFile,writeFileSync,appendFile,appendFileSync,promises.writeFile,promises.appendFile}',
      '{fs,graceful-fs}:createWriteStream().{write,end}',
      'fs-extra:{writeFile,writeFileSync,appendFile,outputFile,outputFileSync,writeJson,writeJSON,writeJsonSync,outputJson,outputJSON}',
    ],
    texts: ['{fs,fsp,fs.promises}.{writeFile,writeFileSync,appendFile,appendFileSync}'],
  },

  // HTTP responses (the rules decide whether it is an error response)
  {
    id: 'express-response',
    category: 'response',
    label: 'HTTP response',
    refs: [
      'http.res.{send,json,jsonp,end,write,render}',
      'http.res.status().{send,json,jsonp,end}',
      'http.res.{code,status}().send',
    ],
    texts: [
      '{res,response,reply,resp}.{send,json,jsonp,end,write}',
      '{res,response,reply,resp}.{status,code}().{send,json,jsonp,end}',
    ],
  },
  {
    id: 'web-response',
    category: 'response',
    label: 'HTTP response',
    refs: [
      '{next/server,next/dist/server/web/exports/next-response}:NextResponse.json',
      'next/server:NextResponse',
      'Response.json',
      'Response',
      'http.ctx.{json,text,html,body}',
    ],
    texts: ['NextResponse.json', 'c.{json,text,html,body}', 'ctx.{json,text}'],
  },

  // Query languages and code evaluation (request input must not reach these unparameterised)
  {
    id: 'sql',
    category: 'sql',
    label: 'SQL query',
    refs: [
      'pg:{Pool,Client,default.Pool,default.Client}().query',
      '{mysql,mysql2,mysql2/promise}:**.{query,execute}',
      '{knex}:**.{raw,whereRaw,orderByRaw,havingRaw,joinRaw,selectRaw}',
      'sequelize:**.query',
      'typeorm:**.query',
      '{better-sqlite3,sqlite3,sqlite}:**.{prepare,exec,run,get,all}',
      'mssql:**.query',
      '@prisma/client:**.{$queryRawUnsafe,$executeRawUnsafe}',
      '@vercel/postgres:**.query',
      '@neondatabase/serverless:**.query',
    ],
    texts: [
      '{**.,}{db,pool,client,conn,connection,database,knex,sequelize,prisma,sql,pg,mysql,tx,trx}.{query,execute,raw,$queryRawUnsafe,$executeRawUnsafe,exec,prepare,whereRaw}',
    ],
    args: [0],
  },
  {
    id: 'mongo',
    category: 'nosql',
    label: 'MongoDB query',
    refs: [
      '{mongoose,mongodb}:**.{find,findOne,findById,findOneAndUpdate,findOneAndDelete,findOneAndReplace,updateOne,updateMany,deleteOne,deleteMany,countDocuments,where,aggregate,replaceOne,exists}',
    ],
    texts: [
      '{**.,}*.{find,findOne,findOneAndUpdate,findOneAndDelete,updateOne,updateMany,deleteOne,deleteMany,countDocuments,aggregate,replaceOne}',
    ],
    args: [0],
    confidence: 'medium',
  },
  {
    id: 'eval',
    category: 'eval',
    label: 'eval',
    refs: [
      'eval',
      'Function',
      'vm:{runInContext,runInNewContext,runInThisContext,compileFunction,Script}',
      'vm:Script()',
      '{setTimeout,setInterval}',
    ],
    args: [0],
  },
];
