resource "aws_s3_bucket" "phi_exports" {
  bucket = "clinic-phi-exports"
}

resource "aws_s3_bucket_acl" "phi_exports" {
  bucket = aws_s3_bucket.phi_exports.id
  acl    = var.exports_acl
}

variable "exports_acl" {
  type    = string
  default = "private"
}

resource "aws_s3_bucket_public_access_block" "phi_exports" {
  bucket                  = aws_s3_bucket.phi_exports.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Only the CloudFront distribution may read, and only via its origin access control.
resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.site.arn}/*"
      Condition = { StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.site.arn } }
    }]
  })
}

resource "aws_s3_bucket" "site" {
  bucket = "clinic-marketing-site"
}

# A Deny for everyone (TLS only) is the opposite of public.
data "aws_iam_policy_document" "tls_only" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["${aws_s3_bucket.phi_exports.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "phi_exports" {
  bucket = aws_s3_bucket.phi_exports.id
  policy = data.aws_iam_policy_document.tls_only.json
}

# A public ACL that is never created.
resource "aws_s3_bucket_acl" "demo" {
  count  = var.demo ? 1 : 0
  bucket = aws_s3_bucket.site.id
  acl    = "public-read"
}

variable "demo" {
  type    = bool
  default = false
}

module "imaging" {
  source                  = "terraform-aws-modules/s3-bucket/aws"
  bucket                  = "clinic-imaging"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
