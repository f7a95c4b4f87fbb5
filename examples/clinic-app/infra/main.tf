# Production infrastructure for the clinic app: the API behind an ALB, Postgres for the EHR data,
# S3 for patient exports and uploads, EFS for scanned paper records.
terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "vpc_id" {
  type = string
}

variable "public_subnet_ids" {
  type = list(string)
}

variable "private_subnet_ids" {
  type = list(string)
}

resource "aws_kms_key" "phi" {
  description         = "clinic-app PHI at rest"
  enable_key_rotation = true
}

resource "aws_cloudtrail" "main" {
  name                       = "clinic-trail"
  s3_bucket_name             = aws_s3_bucket.cloudtrail_logs.id
  is_multi_region_trail      = true
  enable_log_file_validation = false
}

resource "aws_sqs_queue" "hl7_inbound" {
  name                       = "clinic-hl7-inbound"
  visibility_timeout_seconds = 60
}
