resource "aws_kms_key" "phi" {
  description         = "PHI at rest"
  enable_key_rotation = true
}

variable "sse_algorithm" {
  type    = string
  default = "aws:kms"
}

locals {
  exports_bucket = aws_s3_bucket.phi_exports.id
}

resource "aws_s3_bucket_server_side_encryption_configuration" "phi_exports" {
  bucket = local.exports_bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.sse_algorithm
      kms_master_key_id = aws_kms_key.phi.arn
    }
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "scans" {
  count  = 2
  bucket = aws_s3_bucket.scans[count.index].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

# Named by the bucket's literal name rather than by reference.
resource "aws_s3_bucket_server_side_encryption_configuration" "audit_archive" {
  bucket = "clinic-audit-archive"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

module "records" {
  source      = "./modules/secure-bucket"
  name        = "clinic-patient-records"
  kms_key_arn = aws_kms_key.phi.arn
}

module "store" {
  source = "./modules/plain-store"
}

# The child module creates the bucket; this module encrypts it through the module's output.
resource "aws_s3_bucket_server_side_encryption_configuration" "store" {
  bucket = module.store.bucket_id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

module "claims_bucket" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"
  bucket  = "clinic-claims"
  server_side_encryption_configuration = {
    rule = {
      apply_server_side_encryption_by_default = {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.phi.arn
      }
    }
  }
}
